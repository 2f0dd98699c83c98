/** Camera tamper checks: a view suddenly blocked, blurred or moved against a slowly updated reference. */
package io.minewatch.detect.tamper;
