/** Evidence: the hash-chained audit log of clips and its verification. */
package io.minewatch.alerts.evidence;
