/** On-screen text a camera burns into its picture (name, clock, counters, banners), learnt per camera. */
package io.minewatch.detect.overlay;
