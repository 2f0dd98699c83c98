/** Who an alert goes to: the site's responsible officials and township team, its escalation chain, and the city department for matters outside the township's authority. */
package io.minewatch.alerts.routing;
