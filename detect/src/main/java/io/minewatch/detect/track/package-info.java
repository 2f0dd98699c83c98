/** Object tracking across detect frames: ids, speed prediction, first and last seen. */
package io.minewatch.detect.track;
