/** Camera sources: what each camera's stream is and how to open it, with credentials kept out of logs. */
package io.minewatch.ingest.source;
