// ok:/FAIL: lines in the format of tests/cli/lib.sh. A failed check prints
// the log of the case it belongs to once, so a failure can be read without
// running the case again.
class Checks {

    int failures = 0
    String caseName = ''
    PipelineHarness harness
    private boolean logShown = false

    void start(String name) {
        caseName = name
        logShown = false
        println "--- ${name}"
    }

    void check(boolean condition, String what, String detail = '') {
        if (condition) {
            println "ok: ${caseName}: ${what}"
            return
        }
        failures++
        println "FAIL: ${caseName}: ${what}${detail ? ': ' + detail : ''}"
        if (harness != null && !logShown) {
            logShown = true
            println '--- log of the case'
            println harness.log.toString().readLines().takeRight(60).join('\n')
            println '--- steps called'
            println harness.calls.collect { it.step }.join(' ')
        }
    }

    void eq(Object actual, Object expected, String what) {
        check(actual == expected, what, "expected [${expected}], got [${actual}]")
    }

    void contains(String haystack, String needle, String what) {
        check(haystack != null && haystack.contains(needle), what, "[${needle}] not found")
    }

    void finish() {
        if (failures > 0) {
            println "${failures} check(s) failed"
            System.exit(1)
        }
        println 'all checks passed'
    }

}
