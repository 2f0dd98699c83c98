/** A camera's detect path: decode thread, one-deep hand-off, detect thread, tracker and rules. */
package io.minewatch.detect.pipeline;
