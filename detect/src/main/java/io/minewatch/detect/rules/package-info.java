/** Rules over tracked objects that turn what the detector sees into detection events. */
package io.minewatch.detect.rules;
