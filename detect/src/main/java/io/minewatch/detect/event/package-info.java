/** Detection events: the small records the detect path hands to the alerts stage. */
package io.minewatch.detect.event;
