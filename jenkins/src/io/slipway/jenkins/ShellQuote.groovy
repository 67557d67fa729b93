// Quoting for the command lines the Slipway steps hand to `sh`.
//
// Jenkins' `sh` step takes one string of shell text, so a list of arguments
// has to become text without letting the shell read anything in it: every
// argument is wrapped in single quotes, inside which a POSIX shell (dash,
// bash) takes every byte literally, and each single quote in the argument is
// written as '\'' (close the quotes, an escaped quote, open them again).
// `$(...)`, backticks, `${...}`, `"`, `\`, globs and newlines are then plain
// bytes that reach the program unchanged. A NUL byte cannot be part of an
// argument at all, so it is refused rather than silently cut.
//
// The steps never put a user value into a Groovy string that becomes shell
// text any other way; values that are not arguments travel through withEnv.
package io.slipway.jenkins

import com.cloudbees.groovy.cps.NonCPS

/** POSIX single-quote quoting of shell words and command lines. */
class ShellQuote implements Serializable {

    private static final long serialVersionUID = 1L

    /** One shell word holding exactly the characters of {@code value}. */
    @NonCPS
    static String word(Object value) {
        if (value == null) {
            throw new IllegalArgumentException('a shell argument cannot be null')
        }
        String text = String.valueOf(value)
        if (text.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException('a shell argument cannot contain a NUL character')
        }
        return "'" + text.replace("'", "'\\''") + "'"
    }

    /** A command line: each element of {@code words} quoted, joined by spaces. */
    @NonCPS
    static String command(List<?> words) {
        if (!words) {
            throw new IllegalArgumentException('a command needs at least the program')
        }
        return words.collect { item -> word(item) }.join(' ')
    }

}
