package io.minewatch.alerts.cases;

import java.util.List;

/**
 * The team's on-site record.
 *
 * @param notes        what the team found
 * @param staff        people sent out (person-times)
 * @param vehiclesSent vehicles sent out (vehicle-times)
 * @param inspection   whether this was an inspection (counts in the month's inspections)
 * @param jointAction  whether a department acted with the team on site (a joint action)
 * @param plates       plate numbers of the vehicles involved (e.g. 豫A12345), normalised upper case
 * @param persons      persons involved (names or ID numbers as the team records them)
 * @param matters      matters identified, from the catalogue
 */
public record OnSite(String notes, int staff, int vehiclesSent, boolean inspection, boolean jointAction,
                     List<String> plates, List<String> persons, List<MatterPick> matters) {
    public OnSite {
        plates = plates == null ? List.of() : List.copyOf(plates);
        persons = persons == null ? List.of() : List.copyOf(persons);
        matters = matters == null ? List.of() : List.copyOf(matters);
    }

    /** A matter identified on site, with the whistle level when it is whistled (null: its default). */
    public record MatterPick(String code, String level) {
    }
}
