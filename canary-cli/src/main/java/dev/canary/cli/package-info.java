/**
 * The {@code canary} command line: {@code validate}, {@code run}, {@code report} and the commands that steer runs
 * kept in a state store. Run it as {@code scripts/canary <command>} or {@code java -jar canary-cli-*-all.jar}.
 */
@NullMarked
package dev.canary.cli;

import org.jspecify.annotations.NullMarked;
