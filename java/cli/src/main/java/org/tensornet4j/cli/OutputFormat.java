package org.tensornet4j.cli;

/** {@code --format json|text}: machine-readable JSON or a table for people; both carry units. */
enum OutputFormat {
    json, text
}
