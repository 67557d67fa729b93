// slipway: runs one Slipway stage (`slipway <stage>`) on the current node and
// wires its reports into Jenkins.
//
//     Map lint = slipway(stage: 'lint', failOn: 'warning', args: ['--new-only'])
//     echo "${lint.findings} findings"
//
// What it does, in order:
//  1. slipwayInstall: finds (`path`) or installs (`version`, `baseUrl`,
//     `installDir`) the binary.
//  2. Runs `slipway [--config FILE] <stage> [--fail-on X] [args...]` with
//     `sh`. Each argument is quoted by ShellQuote (single quotes), so no value
//     is ever read by the shell; the other settings travel as SLIPWAY_*
//     variables through withEnv. The CLI detects Jenkins itself (JENKINS_URL)
//     and reads CHANGE_TARGET for the changed files of a pull request.
//  3. Records `<outputDir>/<stage>.junit.xml` with `junit`, the SARIF report
//     with `recordIssues(tools: [sarif(...)])` when the Warnings Next
//     Generation plugin is installed (one log line and nothing else when it
//     is not), and archives the report folder.
//  4. Reads the counts from `<outputDir>/<stage>.json` (JsonSlurperClassic,
//     so no plugin is needed) and sets the result: exit code 1 (findings at
//     or above the fail threshold, or a failed stage) fails the build with
//     `error`; with unstableOnFindings, findings below the threshold make it
//     UNSTABLE; exit codes 2 (usage or configuration) and 3 (internal) always
//     fail it.
//  5. Returns the counts and the report paths (for build, also `version`
//     from `slipway version --next`, run after a passing build unless
//     nextVersion: false).
//
// All logic about what to check and how lives in the CLI; this file only maps
// named arguments to its flags and its reports to Jenkins.

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonSlurperClassic
import groovy.transform.Field
import io.slipway.jenkins.ShellQuote

@Field
static final List<String> STAGES = ['lint', 'scan', 'build']

@Field
static final List<String> ARGUMENTS = [
    'stage', 'args', 'config', 'failOn', 'changedOnly', 'format', 'outputDir', 'unstableOnFindings',
    'nextVersion', 'junit', 'recordIssues', 'archive', 'version', 'path', 'baseUrl', 'installDir',
]

@Field
static final List<String> INSTALL_ARGUMENTS = ['version', 'path', 'baseUrl', 'installDir']

// The reports the CLI writes on Jenkins by default, plus json for the counts.
@Field
static final List<String> JENKINS_FORMATS = ['console', 'junit', 'sarif']

@Field
static final String DEFAULT_OUTPUT_DIR = '.slipway/reports'

/** Runs `slipway <stage>`; returns the counts and report paths. */
Map call(Map args = [:]) {
    String problem = argumentProblem(args)
    if (problem) {
        error('slipway: ' + problem)
    }
    String stage = args.stage
    String outputDir = firstSet(args.outputDir, env.SLIPWAY_OUTPUT_DIR, DEFAULT_OUTPUT_DIR)
    List<String> formats = reportFormats(firstSet(args.format, env.SLIPWAY_FORMAT, JENKINS_FORMATS))

    String bin = slipwayInstall(args.subMap(INSTALL_ARGUMENTS))

    List<String> global = [bin]
    if (isSet(args.config)) {
        global.addAll(['--config', args.config.toString()])
    }
    List<String> command = global + [stage]
    if (isSet(args.failOn)) {
        command.addAll(['--fail-on', args.failOn.toString()])
    }
    command.addAll(argumentList(args.args))

    List<String> environment = ['SLIPWAY_FORMAT=' + formats.join(','), 'SLIPWAY_OUTPUT_DIR=' + outputDir]
    if (isSet(args.changedOnly)) {
        environment.add('SLIPWAY_CHANGED_ONLY=' + args.changedOnly)
    }

    String script = ShellQuote.command(command)
    echo('slipway: running ' + script)
    int status = 0
    withEnv(environment) {
        status = sh(script: script, returnStatus: true, label: 'slipway ' + stage)
    }
    if (status != 0 && status != 1) {
        String what = status == 2 ? 'a usage or configuration error' :
                      status == 3 ? 'an internal error' : 'an unexpected exit code'
        error('slipway ' + stage + ' stopped with ' + what + ' (exit code ' + status + '); see the log above')
    }

    Map result = [
        exitCode: status,
        reportDir: outputDir,
        json: outputDir + '/' + stage + '.json',
        junit: outputDir + '/' + stage + '.junit.xml',
        sarif: outputDir + '/' + stage + '.sarif',
    ]
    if (stage == 'build' && status == 0 && args.nextVersion != false) {
        // Before the reports are archived: it also writes <outputDir>/version.env.
        withEnv(environment) {
            String next = sh(script: ShellQuote.command(global + ['version', '--next']), returnStdout: true,
                             label: 'slipway version --next')
            result.version = next.trim()
        }
        echo('slipway build: next version ' + result.version)
    }
    publishReports(stage, result, args)
    result.putAll(readCounts(result.json))
    String counts = describeCounts(result)

    if (status == 1) {
        error('slipway ' + stage + ' failed: ' + counts + '; see the log above and the reports in ' + outputDir)
    }
    echo('slipway ' + stage + ': ' + counts)
    if (args.unstableOnFindings && result.findings > 0) {
        echo('slipway ' + stage + ': findings below the fail threshold, marking the build UNSTABLE')
        currentBuild.result = 'UNSTABLE'
    }
    return result
}

/** junit, recordIssues (Warnings Next Generation) and archiveArtifacts for one stage's reports. */
void publishReports(String stage, Map paths, Map args) {
    if (args.junit != false && fileExists(paths.junit)) {
        // The step sets the build result itself (below), from the CLI's exit
        // code and the threshold; junit would mark every finding UNSTABLE.
        junit(testResults: paths.junit, allowEmptyResults: true, skipMarkingBuildUnstable: true)
    }
    if (args.recordIssues != false && fileExists(paths.sarif)) {
        recordSarif(stage, paths.sarif)
    }
    if (args.archive != false) {
        archiveArtifacts(artifacts: paths.reportDir + '/**', allowEmptyArchive: true, fingerprint: false)
    }
}

/** recordIssues with the sarif tool, or one log line when the plugin is not installed. */
void recordSarif(String stage, String pattern) {
    Object tool = null
    try {
        tool = sarif(pattern: pattern, id: 'slipway-' + stage, name: 'Slipway ' + stage)
    } catch (NoSuchMethodError missing) {
        echo('slipway ' + stage + ': the Warnings Next Generation plugin is not installed; ' +
             'not recording ' + pattern + ' with recordIssues')
        return
    }
    recordIssues(tools: [tool], enabledForFailure: true)
}

/** The summary counts of `<stage>.json` (docs/json-report.md). */
Map readCounts(String path) {
    if (!fileExists(path)) {
        error('slipway: the JSON report ' + path + ' was not written; keep json among the report formats ' +
              '(the step reads its counts from it)')
    }
    return summaryCounts(readFile(file: path, encoding: 'UTF-8'))
}

@NonCPS
private static Map summaryCounts(String text) {
    Map report = new JsonSlurperClassic().parseText(text) as Map
    Map summary = (report?.summary ?: [:]) as Map
    return [
        findings: (summary.total ?: 0) as int,
        errors: (summary.errors ?: 0) as int,
        warnings: (summary.warnings ?: 0) as int,
        notes: (summary.notes ?: 0) as int,
        failed: summary.failed == true,
    ]
}

@NonCPS
private static String describeCounts(Map counts) {
    return plural(counts.findings as int, 'finding') + ' (' + plural(counts.errors as int, 'error') + ', ' +
           plural(counts.warnings as int, 'warning') + ', ' + plural(counts.notes as int, 'note') + ')'
}

@NonCPS
private static String plural(int count, String noun) {
    return count + ' ' + noun + (count == 1 ? '' : 's')
}

/** What is wrong with the named arguments, or null. */
@NonCPS
private static String argumentProblem(Map args) {
    List<String> unknown = args.keySet().findAll { name -> !ARGUMENTS.contains(name) }*.toString()
    if (unknown) {
        return 'unknown argument ' + unknown.join(', ') + ' (known: ' + ARGUMENTS.join(', ') + ')'
    }
    if (!STAGES.contains(args.stage?.toString())) {
        return 'stage must be one of ' + STAGES.join(', ') + (args.stage == null ? '' : ', not "' + args.stage + '"')
    }
    Object extra = args.args
    if (extra != null && !(extra instanceof List)) {
        return 'args must be a list with one element per argument, for example args: [\'--all\', \'--new-only\']'
    }
    return extra?.any { item -> item == null } ? 'args cannot contain null' : null
}

@NonCPS
private static List<String> argumentList(Object extra) {
    return extra == null ? [] : (extra as List)*.toString()
}

/** A list or a comma-separated string of formats, with json added. */
@NonCPS
private static List<String> reportFormats(Object formats) {
    List<String> list = formats instanceof List ?
        (formats as List).collect { item -> item.toString().trim() } :
        formats.toString().split(',')*.trim()
    list = list.findAll { item -> item }
    if (!list.contains('json')) {
        list.add('json')
    }
    return list
}

@NonCPS
private static boolean isSet(Object value) {
    if (value instanceof Collection) {
        return !(value as Collection).empty
    }
    return value != null && value.toString() != ''
}

@NonCPS
private static Object firstSet(Object... values) {
    return values.find { value -> isSet(value) }
}
