// Cases for test_jenkins_steps_groovy_harness.sh: each runs one step of the
// library on a fixture repository under the recording harness, with the real
// slipway binary, and checks what the step did in Jenkins terms.
import groovy.json.JsonSlurperClassic

File library = new File(System.getenv('JENKINS_LIBRARY'))
File fixtures = new File(System.getenv('FIXTURES'))
String bin = System.getenv('SLIPWAY_ABS')
boolean hasScan = System.getenv('HAS_SCAN') == 'true'
boolean hasBuild = System.getenv('HAS_BUILD') == 'true'

PipelineHarness harness = new PipelineHarness(library, new File(fixtures, 'clean'), new File(System.getenv('SCRATCH')))
Checks checks = new Checks(harness: harness)

// The harness loaded every step of the library.
checks.start('library')
checks.eq(harness.vars.keySet().sort(), ['slipway', 'slipwayBuild', 'slipwayInstall', 'slipwayLint', 'slipwayScan'],
          'vars/*.groovy loaded')
new File(library, 'vars').listFiles().findAll { it.name.endsWith('.groovy') }.each { file ->
    checks.check(new File(file.path.replaceAll(/\.groovy$/, '.txt')).size() > 0, "${file.name} has a .txt help file")
}

// The slipway runs of the case: sh calls after the installer's.
Closure<List<Map>> slipwayRuns = { -> harness.callsOf('sh').findAll { !it.script.startsWith('#!') } }
Closure<Map> report = { File repo, String path -> new JsonSlurperClassic().parse(new File(repo, path), 'UTF-8') as Map }

// --- a clean run: every report recorded, counts 0, result untouched ---------------------------
File clean = new File(fixtures, 'clean')
checks.start('lint, clean')
harness.reset(clean)
Map outcome = harness.run('slipwayLint', [path: bin, failOn: 'warning', args: ['--all']])
checks.eq(outcome.abort?.message, null, 'no error')
checks.eq(outcome.crash, null, 'no crash')
checks.eq(outcome.result, null, 'currentBuild.result untouched (SUCCESS)')
List<Map> installs = harness.callsOf('sh').findAll { it.script.startsWith('#!') }
checks.eq(installs.size(), 1, 'the installer ran once')
checks.eq(installs[0]?.script, new File(library, 'resources/io/slipway/jenkins/install-slipway.sh').getText('UTF-8'),
          'the installer is the library resource, run as it is')
checks.eq(installs[0]?.env, [SLIPWAY_INSTALL_PATH: bin], 'the installer got path through withEnv')
checks.eq(installs[0]?.stdout, bin + '\n', 'the installer printed the binary')
List<Map> runs = slipwayRuns()
checks.eq(runs.size(), 1, 'slipway ran once')
checks.eq(runs[0]?.script, "'${bin}' 'lint' '--fail-on' 'warning' '--all'".toString(), 'the exact command line')
checks.eq(runs[0]?.label, 'slipway lint', 'sh label')
checks.eq(runs[0]?.env, [SLIPWAY_FORMAT: 'console,junit,sarif,json', SLIPWAY_OUTPUT_DIR: '.slipway/reports'],
          'the environment the CLI got')
checks.eq(report(clean, '.slipway/reports/lint.json').summary.fail_on, 'warning', 'the CLI applied --fail-on warning')
checks.eq(report(clean, '.slipway/reports/lint.json').ci.platform, 'jenkins', 'the CLI detected Jenkins')
Map junit = harness.callsOf('junit')[0]
checks.eq(junit?.args, [testResults: '.slipway/reports/lint.junit.xml', allowEmptyResults: true,
                        skipMarkingBuildUnstable: true], 'junit arguments')
checks.eq(junit?.files, ['.slipway/reports/lint.junit.xml'], 'junit found the report')
checks.check((junit?.tests ?: 0) > 0 && junit?.failures == 0, 'junit: test cases, no failures', "${junit}")
checks.eq(harness.callsOf('sarif')[0]?.args, [pattern: '.slipway/reports/lint.sarif', id: 'slipway-lint',
                                               name: 'Slipway lint'], 'sarif tool arguments')
Map issues = harness.callsOf('recordIssues')[0]
checks.eq(issues?.args?.enabledForFailure, true, 'recordIssues enabledForFailure')
checks.eq(issues?.tools?.collect { it.files }, [['.slipway/reports/lint.sarif']], 'recordIssues found the SARIF report')
checks.eq(issues?.tools?.collect { it.results }, [0], 'recordIssues: no results')
Map archive = harness.callsOf('archiveArtifacts')[0]
checks.eq(archive?.args?.artifacts, '.slipway/reports/**', 'archiveArtifacts pattern')
checks.check(archive?.files?.containsAll(['.slipway/reports/lint.json', '.slipway/reports/lint.junit.xml',
                                          '.slipway/reports/lint.sarif']), 'the report folder was archived',
             "${archive?.files}")
checks.eq(outcome.value?.subMap(['findings', 'errors', 'warnings', 'notes', 'failed', 'exitCode']),
          [findings: 0, errors: 0, warnings: 0, notes: 0, failed: false, exitCode: 0], 'returned counts')
checks.eq(outcome.value?.subMap(['reportDir', 'sarif', 'junit', 'json']),
          [reportDir: '.slipway/reports', sarif: '.slipway/reports/lint.sarif',
           junit: '.slipway/reports/lint.junit.xml', json: '.slipway/reports/lint.json'], 'returned paths')
checks.eq(harness.callsOf('error'), [], 'error was not called')

// --- findings at the threshold: exit 1 fails the build ---------------------------------------
File failing = new File(fixtures, 'failing')
[false, true].each { unstable ->
    checks.start("lint, failing, unstableOnFindings ${unstable}")
    harness.reset(failing)
    outcome = harness.run('slipway', [stage: 'lint', path: bin, unstableOnFindings: unstable])
    checks.eq(slipwayRuns()[0]?.status, 1, 'slipway exited 1')
    checks.eq(outcome.abort?.step, 'error', 'the step called error')
    checks.eq(outcome.abort?.message,
              'slipway lint failed: 2 findings (1 error, 1 warning, 0 notes); see the log above and the reports in ' +
              '.slipway/reports', 'the error message')
    checks.eq(outcome.result, 'FAILURE', 'currentBuild.result FAILURE')
    checks.eq(harness.callsOf('junit')[0]?.failures, 2, 'junit recorded both findings')
    checks.eq(harness.callsOf('recordIssues')[0]?.tools?.collect { it.results }, [2], 'recordIssues: 2 results')
    checks.eq(harness.callsOf('archiveArtifacts').size(), 1, 'reports archived before failing')
}

// --- findings below the threshold ----------------------------------------------------------------
File warning = new File(fixtures, 'warning')
checks.start('lint, warning below the threshold')
harness.reset(warning)
outcome = harness.run('slipwayLint', [path: bin])
checks.eq(outcome.abort, null, 'no error')
checks.eq(outcome.result, null, 'currentBuild.result untouched: junit does not mark findings UNSTABLE')
checks.eq(harness.callsOf('junit')[0]?.failures, 1, 'junit recorded the finding')
checks.eq(outcome.value?.subMap(['findings', 'errors', 'warnings', 'notes', 'exitCode']),
          [findings: 1, errors: 0, warnings: 1, notes: 0, exitCode: 0], 'returned counts')

checks.start('lint, warning, unstableOnFindings')
harness.reset(warning)
outcome = harness.run('slipwayLint', [path: bin, unstableOnFindings: true])
checks.eq(outcome.abort, null, 'no error')
checks.eq(outcome.result, 'UNSTABLE', 'currentBuild.result UNSTABLE')
checks.eq(outcome.value?.warnings, 1, 'returned warnings')
checks.contains(harness.log.toString(), 'slipway lint: 1 finding (0 errors, 1 warning, 0 notes)', 'counts in the log')

checks.start('lint, clean, unstableOnFindings, stage as a GString')
harness.reset(clean)
String name = 'lint'
outcome = harness.run('slipway', [stage: "${name}", path: bin, unstableOnFindings: true])
checks.eq(slipwayRuns()[0]?.script, "'${bin}' 'lint'".toString(), 'ran slipway lint')
checks.eq(outcome.result, null, 'no findings: result untouched')

checks.start('lint, warning, failOn warning with unstableOnFindings')
harness.reset(warning)
outcome = harness.run('slipwayLint', [path: bin, failOn: 'warning', unstableOnFindings: true])
checks.eq(outcome.result, 'FAILURE', 'at the threshold: FAILURE')
checks.contains(outcome.abort?.message, 'slipway lint failed: 1 finding (0 errors, 1 warning, 0 notes)', 'error message')

// --- a pull-request build: the CLI reads Jenkins' CHANGE_* variables from the step's environment ---
File pr = new File(fixtures, 'pr')
Map prEnv = [CHANGE_ID: '7', CHANGE_TARGET: 'main', CHANGE_BRANCH: 'feature', BRANCH_NAME: 'PR-7']
checks.start('lint, pull request')
harness.reset(pr, prEnv)
outcome = harness.run('slipwayLint', [path: bin])
checks.eq(report(pr, '.slipway/reports/lint.json').ci.change_number, '7', 'the CLI saw the pull request')
checks.eq(outcome.value?.findings, 1, 'changed files only: the finding in new.txt')
checks.eq(report(pr, '.slipway/reports/lint.json').findings*.path, ['new.txt'], 'the changed file')

checks.start('lint, pull request, changedOnly false')
harness.reset(pr, prEnv)
outcome = harness.run('slipwayLint', [path: bin, changedOnly: false])
checks.eq(slipwayRuns()[0]?.env?.SLIPWAY_CHANGED_ONLY, 'false', 'SLIPWAY_CHANGED_ONLY=false')
checks.eq(outcome.value?.findings, 2, 'every file: both findings')

// --- without the Warnings Next Generation plugin ---------------------------------------------
checks.start('lint, no Warnings Next Generation plugin')
harness.reset(warning)
harness.missingSteps.addAll(['sarif', 'recordIssues'])
outcome = harness.run('slipwayLint', [path: bin])
checks.eq(outcome.crash, null, 'no crash')
checks.eq(outcome.abort, null, 'no error')
checks.eq(harness.callsOf('recordIssues'), [], 'recordIssues not called')
checks.contains(harness.log.toString(),
                'slipway lint: the Warnings Next Generation plugin is not installed; not recording ' +
                '.slipway/reports/lint.sarif with recordIssues', 'says so in one line')
checks.eq(harness.callsOf('junit').size(), 1, 'junit still recorded')
checks.eq(harness.callsOf('archiveArtifacts').size(), 1, 'reports still archived')
checks.eq(outcome.value?.findings, 1, 'counts still returned')

// --- a configuration error: exit 2 always fails, nothing recorded -------------------------------
checks.start('lint, configuration error')
harness.reset(clean)
outcome = harness.run('slipwayLint', [path: bin, config: 'missing.yml', unstableOnFindings: true])
checks.eq(slipwayRuns()[0]?.script, "'${bin}' '--config' 'missing.yml' 'lint'".toString(), '--config before the stage')
checks.eq(slipwayRuns()[0]?.status, 2, 'slipway exited 2')
checks.eq(outcome.abort?.message,
          'slipway lint stopped with a usage or configuration error (exit code 2); see the log above', 'error message')
checks.contains(harness.log.toString(), 'configuration file not found: missing.yml', "the CLI's message is in the log")
checks.eq(outcome.result, 'FAILURE', 'currentBuild.result FAILURE')
checks.eq(harness.callsOf('junit') + harness.callsOf('archiveArtifacts'), [], 'nothing recorded')

// --- other formats, another folder, publishing switched off ----------------------------------------
checks.start('lint, format and outputDir')
harness.reset(warning)
outcome = harness.run('slipwayLint', [path: bin, format: ['markdown', 'junit'], outputDir: 'out/reports'])
checks.eq(slipwayRuns()[0]?.env, [SLIPWAY_FORMAT: 'markdown,junit,json', SLIPWAY_OUTPUT_DIR: 'out/reports'],
          'formats plus json, the folder')
checks.check(new File(warning, 'out/reports/lint.md').isFile(), 'the CLI wrote the markdown report')
checks.eq(harness.callsOf('junit')[0]?.files, ['out/reports/lint.junit.xml'], 'junit from the folder')
checks.eq(harness.callsOf('recordIssues'), [], 'no SARIF written, none recorded')
checks.eq(harness.callsOf('archiveArtifacts')[0]?.args?.artifacts, 'out/reports/**', 'archived the folder')
checks.eq(outcome.value?.reportDir, 'out/reports', 'reportDir')
checks.eq(outcome.value?.warnings, 1, 'counts from out/reports/lint.json')

checks.start('lint, environment defaults')
harness.reset(warning, [SLIPWAY_OUTPUT_DIR: 'env-reports', SLIPWAY_FORMAT: 'sarif', SLIPWAY_INSTALL_PATH: bin])
outcome = harness.run('slipwayLint', [:])
checks.eq(harness.callsOf('sh').find { it.script.startsWith('#!') }?.env,
          [SLIPWAY_OUTPUT_DIR: 'env-reports', SLIPWAY_FORMAT: 'sarif', SLIPWAY_INSTALL_PATH: bin],
          'the installer found slipway from the job environment')
checks.eq(slipwayRuns()[0]?.script, "'${bin}' 'lint'".toString(), 'no flags')
checks.eq(slipwayRuns()[0]?.env?.subMap(['SLIPWAY_FORMAT', 'SLIPWAY_OUTPUT_DIR']),
          [SLIPWAY_FORMAT: 'sarif,json', SLIPWAY_OUTPUT_DIR: 'env-reports'], 'job environment as defaults')
checks.eq(outcome.value?.sarif, 'env-reports/lint.sarif', 'sarif path')

checks.start('lint, publishing switched off')
harness.reset(warning)
outcome = harness.run('slipwayLint', [path: bin, junit: false, recordIssues: false, archive: false])
checks.eq(harness.callsOf('junit') + harness.callsOf('sarif') + harness.callsOf('recordIssues') +
          harness.callsOf('archiveArtifacts'), [], 'nothing published')
checks.eq(outcome.value?.findings, 1, 'counts returned')

// --- bad arguments: stopped before anything runs ---------------------------------------------
[
    [name: 'slipway', args: [stage: 'lint', failon: 'warning'],
     message: 'slipway: unknown argument failon (known: stage, args, config, failOn, changedOnly, format, outputDir, ' +
              'unstableOnFindings, nextVersion, junit, recordIssues, archive, version, path, baseUrl, installDir)'],
    [name: 'slipway', args: [stage: 'deploy'], message: 'slipway: stage must be one of lint, scan, build, not "deploy"'],
    [name: 'slipway', args: [:], message: 'slipway: stage must be one of lint, scan, build'],
    [name: 'slipway', args: [stage: 'lint', args: '--all'],
     message: "slipway: args must be a list with one element per argument, for example args: ['--all', '--new-only']"],
    [name: 'slipwayLint', args: [stage: 'scan'],
     message: 'slipwayLint: the stage is lint; call slipway(stage: ...) to run another one'],
    [name: 'slipwayInstall', args: [release: '1.0.0'],
     message: 'slipwayInstall: unknown argument release (known: version, baseUrl, installDir, path)'],
].each { bad ->
    checks.start("bad arguments ${bad.name}(${bad.args})")
    harness.reset(clean)
    outcome = harness.run(bad.name, bad.args)
    checks.eq(outcome.abort?.message, bad.message, 'error message')
    checks.eq(harness.callsOf('sh'), [], 'nothing ran')
    checks.eq(outcome.result, 'FAILURE', 'FAILURE')
}

// --- scan ----------------------------------------------------------------------------------
if (hasScan) {
    checks.start('scan, clean')
    harness.reset(clean)
    outcome = harness.run('slipwayScan', [path: bin, args: ['--secrets'], failOn: 'high', changedOnly: false])
    checks.eq(outcome.abort, null, 'no error')
    checks.eq(slipwayRuns()[0]?.script, "'${bin}' 'scan' '--fail-on' 'high' '--secrets'".toString(), 'command line')
    checks.eq(slipwayRuns()[0]?.env?.SLIPWAY_CHANGED_ONLY, 'false', 'changedOnly through SLIPWAY_CHANGED_ONLY')
    checks.eq(harness.callsOf('junit')[0]?.files, ['.slipway/reports/scan.junit.xml'], 'junit recorded')
    checks.eq(harness.callsOf('sarif')[0]?.args?.id, 'slipway-scan', 'sarif id')
    checks.eq(harness.callsOf('recordIssues')[0]?.tools?.collect { it.files }, [['.slipway/reports/scan.sarif']],
              'recordIssues found the SARIF report')
    checks.eq(outcome.value?.findings, 0, 'no findings')
    checks.eq(outcome.result, null, 'result untouched')
} else {
    println 'skip: scan cases (this slipway has no scan command)'
}

// --- build -----------------------------------------------------------------------------------
if (hasBuild) {
    File build = new File(fixtures, 'build')
    checks.start('build, next version')
    harness.reset(build)
    outcome = harness.run('slipwayBuild', [path: bin])
    checks.eq(outcome.abort, null, 'no error')
    checks.eq(slipwayRuns()*.script, ["'${bin}' 'build'".toString(), "'${bin}' 'version' '--next'".toString()],
              'build, then version --next')
    checks.check(new File(build, 'built.txt').isFile(), 'the build step ran')
    checks.eq(outcome.value?.version, '0.4.0', 'returned the next version')
    checks.eq(harness.callsOf('junit')[0]?.files, ['.slipway/reports/build.junit.xml'], 'junit recorded')
    checks.check(harness.callsOf('archiveArtifacts')[0]?.files?.contains('.slipway/reports/version.env'),
                 'version.env archived with the reports')
    checks.eq(outcome.value?.findings, 0, 'no findings')

    checks.start('build, config and nextVersion false')
    harness.reset(build)
    outcome = harness.run('slipway', [stage: 'build', path: bin, config: 'ci/build.yml', nextVersion: false])
    checks.eq(slipwayRuns()*.script, ["'${bin}' '--config' 'ci/build.yml' 'build'".toString()], 'no version --next')
    checks.check(new File(build, 'ci-config.txt').isFile(), 'the step from ci/build.yml ran')
    checks.eq(outcome.value?.containsKey('version'), false, 'no version returned')

    checks.start('build, failing step')
    harness.reset(new File(fixtures, 'build-failing'))
    outcome = harness.run('slipwayBuild', [path: bin])
    checks.eq(slipwayRuns().size(), 1, 'no version --next after a failed build')
    checks.eq(outcome.abort?.message,
              'slipway build failed: 1 finding (1 error, 0 warnings, 0 notes); see the log above and the reports in ' +
              '.slipway/reports', 'error message')
    checks.eq(outcome.result, 'FAILURE', 'FAILURE')
} else {
    println 'skip: build cases (this slipway has no build command)'
}

checks.finish()
