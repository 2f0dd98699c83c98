/** Evaluation of the detect path against hand-made labels ({@code scripts/evaluate}). */
package io.minewatch.detect.eval;
