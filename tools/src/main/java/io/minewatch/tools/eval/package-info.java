/** Evaluation of the detect path against hand-made labels ({@code scripts/evaluate}): the run, the labels file, the scoring. */
package io.minewatch.tools.eval;
