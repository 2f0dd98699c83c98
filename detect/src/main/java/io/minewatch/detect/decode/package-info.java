/** Decoding: frames from a source at the detect rate and size, converted to BGR once. */
package io.minewatch.detect.decode;
