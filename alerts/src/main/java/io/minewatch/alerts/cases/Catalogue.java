package io.minewatch.alerts.cases;

import io.minewatch.config.CasesConfig;
import io.minewatch.config.CatalogueFile;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MatterConfig;
import io.minewatch.config.MinewatchConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authority catalogue in force: the one imported at run time ({@code catalogue_matter},
 * {@code catalogue_delegated}) when an import was made, else the configuration's. Delegated lists come from
 * the import when it has any, else from {@code townships[].matters}. The districts and teams in force are
 * the configuration's until the registry hands others ({@link #districts(List)}); each step reads them anew.
 */
final class Catalogue {
    private final MinewatchConfig config;
    private volatile CasesConfig inForce;
    private volatile List<DistrictConfig> districts;

    Catalogue(MinewatchConfig config) {
        this.config = config;
        this.inForce = config.cases();
        this.districts = config.cases().districts();
    }

    /** Puts other districts (with their teams) in force: dispatch and team access follow at once. */
    synchronized void districts(List<DistrictConfig> list) {
        districts = List.copyOf(list);
        CasesConfig k = inForce;
        inForce = new CasesConfig(k.zone(), k.matters(), k.delegated(), districts, k.deadlines(), k.checklist(),
                k.passScore(), k.maxPhotoBytes());
    }

    /** The case settings with the catalogue in force. */
    CasesConfig cases() {
        return inForce;
    }

    /** The matter or INVALID naming the field. */
    MatterConfig matter(String field, String code) {
        MatterConfig m = code == null ? null : inForce.matter(code);
        if (m == null) {
            throw new CaseException(CaseException.Kind.INVALID, field + ": unknown matter " + code);
        }
        return m;
    }

    Map<String, String> names() {
        Map<String, String> out = new LinkedHashMap<>();
        inForce.matters().forEach(m -> out.put(m.code(), m.name()));
        return out;
    }

    CatalogueView view() {
        CasesConfig k = inForce;
        return new CatalogueView(k.matters(), k.delegated(), k.districts(), k.checklist(),
                config.alerts().departments());
    }

    /** What an imported file may name. */
    CatalogueFile.Known known() {
        java.util.Set<String> townships = new java.util.LinkedHashSet<>();
        config.alerts().townships().forEach(t -> townships.add(t.id()));
        config.sites().forEach(s -> townships.add(s.township()));
        districts.forEach(d -> townships.add(d.township()));
        config.cases().delegated().keySet().forEach(townships::add);
        return new CatalogueFile.Known(CatalogueFile.departments(config.alerts()),
                CatalogueFile.rules(config.alerts()), townships);
    }

    /** Reads the import (if any) and puts it in force. */
    synchronized void load(Connection c) throws SQLException {
        List<MatterConfig> matters = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT code, name, owner, level,"
                + " rules FROM catalogue_matter ORDER BY position")) {
            while (rs.next()) {
                String rules = rs.getString("rules");
                matters.add(new MatterConfig(rs.getString("code"), rs.getString("name"), rs.getString("owner"),
                        rs.getString("level"), rules.isEmpty() ? List.of() : Arrays.asList(rules.split(";"))));
            }
        }
        Map<String, List<String>> delegated = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT township, code"
                + " FROM catalogue_delegated ORDER BY township, code")) {
            while (rs.next()) {
                delegated.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        CasesConfig yaml = config.cases();
        CasesConfig base = new CasesConfig(yaml.zone(), yaml.matters(), yaml.delegated(), districts, yaml.deadlines(),
                yaml.checklist(), yaml.passScore(), yaml.maxPhotoBytes());
        if (matters.isEmpty()) {
            inForce = base;
            return;
        }
        if (delegated.isEmpty()) {
            java.util.Set<String> codes = CatalogueFile.codes(matters);
            base.delegated().forEach((t, list) -> delegated.put(t, list.stream().filter(codes::contains).toList()));
        }
        inForce = new CasesConfig(base.zone(), matters, delegated, base.districts(), base.deadlines(),
                base.checklist(), base.passScore(), base.maxPhotoBytes());
    }

    /** Replaces the imported tables with these contents (the caller reloads after the commit). */
    void replace(Connection c, CatalogueFile.Contents contents) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM catalogue_matter");
            st.executeUpdate("DELETE FROM catalogue_delegated");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalogue_matter (code, name, owner, level,"
                + " rules, position) VALUES (?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            for (MatterConfig m : contents.matters()) {
                Sql.bind(ps, m.code(), m.name(), m.owner(), m.level(), String.join(";", m.rules()), i++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalogue_delegated (township, code)"
                + " VALUES (?, ?)")) {
            for (var e : contents.delegated().entrySet()) {
                for (String code : e.getValue()) {
                    Sql.bind(ps, e.getKey(), code);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
