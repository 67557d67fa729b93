// Cases for test_jenkins_injection.sh: the injection value in each argument
// of the steps, and ShellQuote on its own.
import io.slipway.jenkins.ShellQuote

File library = new File(System.getenv('JENKINS_LIBRARY'))
File fixtures = new File(System.getenv('FIXTURES'))
String bin = System.getenv('SLIPWAY_ABS')
String value = System.getenv('INJECTION_VALUE')
File clean = new File(fixtures, 'clean')
File scratch = new File(System.getenv('SCRATCH'))
String version = System.getenv('RELEASE_VERSION')
String arch = System.getenv('RELEASE_ARCH')

PipelineHarness harness = new PipelineHarness(library, clean, scratch)
Checks checks = new Checks(harness: harness)

Closure<List<String>> pwned = { ->
    List<String> found = []
    [fixtures, scratch, new File(System.getenv('TOOLS')), new File(System.getenv('CACHE'))].each { root ->
        root.eachFileRecurse { file -> if (file.name.startsWith('pwned')) { found << file.path } }
    }
    if (new File('pwned').exists()) {
        found << new File('pwned').absolutePath
    }
    found
}
Closure<Map> slipwayRun = { -> harness.callsOf('sh').find { !it.script.startsWith('#!') } }
Closure<Map> installerRun = { -> harness.callsOf('sh').find { it.script.startsWith('#!') } }

checks.check(value.contains('$(touch pwned)') && value.contains('`touch pwned`') && value.contains('${{ github.token }}') &&
             value.contains("'") && value.contains('"'), 'the value has every ingredient')

// --- ShellQuote: words come back byte for byte through bash and dash --------------------------------
checks.start('ShellQuote')
List<String> words = [value, "it's", "''", '', 'a\nb', 'back\\slash', '*', '~', '-n', '$HOME', '!!', 'tab\there',
                      '\u00e9t\u00e9 \u2603', "'\"'\"'"]
String script = ShellQuote.command(['printf', '%s\\0'] + words)
checks.eq(ShellQuote.word("it's"), "'it'\\''s'", "a ' becomes '\\''")
checks.eq(ShellQuote.word(''), "''", 'the empty word')
checks.eq(ShellQuote.word(12), "'12'", 'a number as text')
['bash', 'sh'].each { shell ->
    Process process = new ProcessBuilder([shell, '-c', script]).directory(scratch).start()
    String out = process.inputStream.getText('UTF-8')
    process.waitFor()
    checks.eq(process.exitValue(), 0, "${shell}: ran")
    checks.eq(out.split('\u0000', -1) as List, words + [''], "${shell}: every word came back byte for byte")
}
[null, 'a\u0000b'].each { bad ->
    String thrown = null
    try {
        ShellQuote.word(bad)
    } catch (IllegalArgumentException refused) {
        thrown = refused.message
    }
    checks.check(thrown != null, "refused ${bad == null ? 'null' : 'a NUL byte'}: ${thrown}")
}
checks.eq(pwned(), [], 'nothing executed')

// --- each argument of the steps ----------------------------------------------------------------
// name, the step's arguments, slipway's exit code (null: it must not run), and what the CLI
// (message) or the installer (installerMessage) printed about the value.
List<Map> cases = [
    [name: 'args', args: [path: bin, args: [value]], status: 2,
     message: 'The following argument was not expected: ' + value],
    [name: 'args after a flag', args: [path: bin, args: ['--base', value]], status: 0,
     message: 'the base ' + value + ' (--base) is not in this clone'],
    [name: 'config', args: [path: bin, config: value], status: 2,
     message: 'configuration file not found: ' + value],
    [name: 'failOn', args: [path: bin, failOn: value], status: 2,
     message: 'invalid value for --fail-on: expected one of error, warning, note, never; got "' + value + '"'],
    [name: 'changedOnly', args: [path: bin, changedOnly: value], status: 2,
     message: 'invalid value in SLIPWAY_CHANGED_ONLY ("changed-only"): expected one of auto, true, false; got "' +
              value + '"'],
    [name: 'format', args: [path: bin, format: value], status: 2,
     message: 'unknown report format "' + value + '"'],
    [name: 'outputDir', args: [path: bin, outputDir: value], status: 0],
    [name: 'path', args: [path: System.getenv('TOOLS') + '/' + value + '/slipway'], status: 0],
    [name: 'installDir', args: [installDir: System.getenv('CACHE') + '/' + value, version: version], status: 0,
     installerMessage: 'using the cached copy in ' + System.getenv('CACHE') + '/' + value + '/' + version + '/' + arch],
    [name: 'version', args: [version: value], installerMessage: 'invalid version "' + value + '"'],
    [name: 'baseUrl', args: [baseUrl: value], installerMessage: 'invalid base URL "' + value + '"'],
]
cases.each { item ->
    checks.start("value in ${item.name}")
    harness.reset(clean)
    Map outcome = harness.run('slipwayLint', item.args)
    checks.eq(outcome.crash, null, 'no crash')
    Map installer = installerRun()
    if (item.installerMessage) {
        checks.contains(installer?.stderr, item.installerMessage, 'the installer got the exact value')
    }
    Map run = slipwayRun()
    if (item.status == null) {
        checks.eq(run, null, 'slipway did not run: the installer refused the value')
        checks.eq(outcome.abort?.message, 'script returned exit code ' + (item.name == 'version' || item.name == 'baseUrl' ? 2 : 1),
                  'the build stopped at the installer')
    } else {
        checks.eq(run?.status, item.status, "slipway exited ${item.status}")
    }
    if (item.message) {
        checks.contains(run?.stderr, item.message, 'the CLI got the exact value')
    }
    checks.eq(pwned(), [], 'nothing executed')
}

// The cases above in detail, where the value ended up somewhere other than a message.
checks.start('outputDir, in detail')
harness.reset(clean)
Map outcome = harness.run('slipwayLint', [path: bin, outputDir: value])
checks.check(new File(clean, value + '/lint.json').isFile(), 'reports written into the folder named after the value')
checks.eq(slipwayRun()?.env?.SLIPWAY_OUTPUT_DIR, value, 'SLIPWAY_OUTPUT_DIR is the value')
checks.eq(harness.callsOf('junit')[0]?.files, [value + '/lint.junit.xml'], 'junit recorded the report there')
checks.eq(harness.callsOf('archiveArtifacts')[0]?.args?.artifacts, value + '/**', 'the folder archived')
checks.eq(outcome.value?.reportDir, value, 'reportDir is the value')

checks.start('path, in detail')
harness.reset(clean)
outcome = harness.run('slipwayLint', [path: System.getenv('TOOLS') + '/' + value + '/slipway'])
String expected = System.getenv('TOOLS') + '/' + value + '/slipway'
checks.eq(installerRun()?.stdout, expected + '\n', 'the installer found the binary under the exact name')
checks.check(slipwayRun()?.script?.startsWith(ShellQuote.word(expected) + ' '), 'slipway ran from there')
checks.eq(outcome.value?.exitCode, 0, 'and passed')

checks.start('stage')
harness.reset(clean)
outcome = harness.run('slipway', [stage: value, path: bin])
checks.eq(outcome.abort?.message, 'slipway: stage must be one of lint, scan, build, not "' + value + '"',
          'the library names the exact value')
checks.eq(harness.callsOf('sh'), [], 'nothing ran')
checks.eq(pwned(), [], 'nothing executed')

checks.finish()
