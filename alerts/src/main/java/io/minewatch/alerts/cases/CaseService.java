package io.minewatch.alerts.cases;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.schema.PayloadEncoder;
import io.minewatch.alerts.schema.Topics;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.CatalogueFile;
import io.minewatch.config.ConfigException;
import io.minewatch.config.CasesConfig;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.TeamConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The case desk (issue 18): every step in one transaction with its {@code case_step} row and its MQTT
 * messages (through the outbox), audited after the commit; whistles escalate on the desk's own thread.
 */
public final class CaseService implements CaseDesk, AutoCloseable {
    /** How often the escalation thread reads due whistles. */
    static final long TICK_MS = 250;

    private final CaseContext ctx;
    private final CaseCommits commits;
    private final Intakes intakes;
    private final Whistles whistles;
    private final FieldSteps field;
    private final Photos photos;
    private final Closing closing;
    private final CaseReader reader;
    private final WhistleEscalator escalator;

    private CaseService(CaseContext ctx, CaseCommits commits) {
        this.ctx = ctx;
        this.commits = commits;
        this.intakes = new Intakes(ctx);
        this.whistles = new Whistles(ctx);
        this.field = new FieldSteps(ctx, whistles);
        this.photos = new Photos(ctx);
        this.closing = new Closing(ctx);
        this.reader = new CaseReader(ctx);
        commits.read(tx -> {
            ctx.catalogue().load(tx.c);
            return null;
        });
        this.escalator = new WhistleEscalator(commits, ctx, whistles, TICK_MS);
    }

    /**
     * Starts the desk on a migrated database and a started outbox.
     *
     * @param sites      a site's configuration by id (its township, for cases opened from alerts)
     * @param topicPrefix the MQTT prefix of {@code cases/events} and {@code departments/<d>/whistles}
     * @param storageDir photos go under {@code cases/<case>/} in it
     * @param audit      the hash-chained audit log's append, called after each commit
     */
    public static CaseService start(Database database, MinewatchConfig config,
            Function<String, Optional<SiteConfig>> sites, Outbox outbox, String topicPrefix, Clock clock,
            Path storageDir, CaseAudit audit, io.micrometer.core.instrument.MeterRegistry registry) {
        Objects.requireNonNull(database, "database");
        if (outbox.database() != database) {
            throw new IllegalArgumentException("the outbox must write to the same database");
        }
        Sequences ids = new Sequences(config.cases().zone());
        CaseRows cases = new CaseRows(ids);
        CaseContext ctx = new CaseContext(config, new Catalogue(config), cases, new PartRows(ids), new WhistleRows(),
                ids, new CaseMetrics(registry), sites, storageDir.toAbsolutePath().normalize());
        CaseCommits commits = new CaseCommits(outbox, new PayloadEncoder(new Topics(topicPrefix)), cases, audit, clock);
        return new CaseService(ctx, commits);
    }

    @Override
    public CaseView open(Intake intake, String actor) {
        String id = commits.run(tx -> intakes.open(tx, intake, actor));
        ctx.metrics().opened(intake.source());
        return find(id).orElseThrow();
    }

    @Override
    public CaseView dispatch(String caseId, String team, String actor) {
        commits.run(tx -> {
            field.dispatch(tx, caseId, team, actor);
            return null;
        });
        return find(caseId).orElseThrow();
    }

    @Override
    public CaseView onSite(String caseId, OnSite record, String actor) {
        commits.run(tx -> {
            field.onSite(tx, caseId, record, actor);
            return null;
        });
        return find(caseId).orElseThrow();
    }

    @Override
    public PhotoView addPhoto(String caseId, Path file, String contentType, String actor) {
        commits.read(tx -> ctx.cases().require(tx.c, caseId));
        long size = photos.check(file, contentType);
        return commits.run(tx -> photos.add(tx, caseId, file, contentType, size, actor));
    }

    @Override
    public Optional<Path> photoFile(String caseId, int n) {
        return Optional.ofNullable(commits.read(tx -> photos.file(tx.c, caseId, n)));
    }

    @Override
    public CaseView close(String caseId, List<Outcome> outcomes, String actor) {
        commits.run(tx -> {
            closing.close(tx, caseId, outcomes, actor);
            return null;
        });
        return find(caseId).orElseThrow();
    }

    @Override
    public CaseView review(String caseId, Review review, String actor) {
        commits.run(tx -> {
            closing.review(tx, caseId, review, actor);
            return null;
        });
        return find(caseId).orElseThrow();
    }

    @Override
    public WhistleView acknowledge(String whistleId, String actor) {
        String id = commits.run(tx -> whistles.acknowledge(tx, whistleId, actor));
        return whistle(id).orElseThrow();
    }

    @Override
    public WhistleView report(String whistleId, Outcome outcome, String actor) {
        String id = commits.run(tx -> whistles.report(tx, whistleId, outcome, actor));
        return whistle(id).orElseThrow();
    }

    @Override
    public Optional<CaseView> find(String caseId) {
        return Optional.ofNullable(commits.read(tx -> reader.view(tx.c, caseId)));
    }

    @Override
    public Optional<WhistleView> whistle(String whistleId) {
        return Optional.ofNullable(commits.read(tx -> reader.whistle(tx.c, whistleId)));
    }

    @Override
    public List<CaseView> list(CaseFilter filter) {
        return commits.read(tx -> reader.list(tx.c, filter));
    }

    @Override
    public List<WhistleView> whistles(WhistleFilter filter) {
        return commits.read(tx -> reader.whistles(tx.c, filter));
    }

    @Override
    public CatalogueView catalogue() {
        return ctx.catalogue().view();
    }

    @Override
    public CatalogueView importCatalogue(String text, String format, String actor) {
        CatalogueFile.Contents contents;
        try {
            contents = CatalogueFile.parse(text == null ? "" : text, format == null ? "" : format,
                    "catalogue upload", ctx.catalogue().known());
        } catch (ConfigException e) {
            throw Checks.invalid(e.getMessage());
        }
        if (contents.matters().isEmpty()) {
            throw Checks.invalid("catalogue upload: no matters");
        }
        commits.run(tx -> {
            ctx.catalogue().replace(tx.c, contents);
            return null;
        });
        // In force only once committed.
        commits.read(tx -> {
            ctx.catalogue().load(tx.c);
            return null;
        });
        org.slf4j.LoggerFactory.getLogger(CaseService.class).info("catalogue imported by {}: {} matter(s)", actor,
                contents.matters().size());
        return catalogue();
    }

    /**
     * Puts other districts and teams in force (the registry's, issue 18): the next intake and dispatch place a
     * case by them, and {@link #teamsOf(String)} answers by them; cases already dispatched keep their team.
     */
    public void districts(List<DistrictConfig> districts) {
        ctx.catalogue().districts(districts);
    }

    /** The case settings in force: the catalogue (imported or the YAML's) and the districts (YAML and registry). */
    public CasesConfig casesInForce() {
        return ctx.catalogue().cases();
    }

    /** The ids of the teams an official is a member of, by the districts in force. */
    public List<String> teamsOf(String official) {
        return ctx.catalogue().cases().teamsOf(official).stream().map(TeamConfig::id).toList();
    }

    @Override
    public void close() {
        escalator.close();
    }
}
