/** {@code scripts/verify-evidence}: the command line over the alerts module's evidence verifier. */
package io.minewatch.tools.evidence;
