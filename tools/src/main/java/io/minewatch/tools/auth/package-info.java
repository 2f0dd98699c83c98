/** {@code scripts/hash-password}: Argon2id hashes for {@code users[].password_hash} in the configuration. */
package io.minewatch.tools.auth;
