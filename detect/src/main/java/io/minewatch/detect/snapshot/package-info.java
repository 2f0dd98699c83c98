/** Event snapshots: the confirming frame with boxes drawn, written as JPEG. */
package io.minewatch.detect.snapshot;
