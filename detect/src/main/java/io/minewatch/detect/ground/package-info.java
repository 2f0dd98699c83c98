/**
 * The {@code ground_change} rule: the ground of a camera's pit, stockpile and riverbank zones compared,
 * cell by cell, on structure (gradient orientations, texture strength, edge density) against per
 * hour-of-day references built from frames without tracked objects, and a change that persists over
 * observations spread across hours reported once, with a before/after picture.
 */
package io.minewatch.detect.ground;
