/** {@code scripts/mosquitto-auth}: writes an external Mosquitto's password, ACL and configuration files. */
package io.minewatch.tools.broker;
