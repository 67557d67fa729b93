// A stand-in for the parts of Jenkins the Slipway steps use, so that the
// library's vars/*.groovy run outside Jenkins exactly as written.
//
// Each vars/<name>.groovy is compiled as a script whose base class
// (PipelineScript) sends unknown calls here: pipeline steps, or the `call` of
// another global variable. The steps are recording implementations:
//   sh                real: the script is written to a file and run by bash
//                     (`bash -xe`, as Jenkins runs `sh -xe`; a `#!` line picks
//                     the interpreter, as in Jenkins) in the workspace, with
//                     the process environment plus `env` (which withEnv
//                     changes); returnStatus / returnStdout behave as in
//                     Jenkins and a failing script throws
//   withEnv           sets `env` for its block (an empty value removes the
//                     variable, like EnvVars.override) and restores it after
//   junit, recordIssues, sarif, archiveArtifacts
//                     record their arguments and the workspace files their
//                     Ant patterns match; junit marks the build UNSTABLE for
//                     failures unless skipMarkingBuildUnstable, and fails
//                     without files unless allowEmptyResults, like the plugin
//   error             throws PipelineAbort (Jenkins: AbortException)
//   libraryResource   reads the library's resources/ folder
//   fileExists, readFile, echo
// A step listed in missingSteps is treated as not installed: calling it throws
// NoSuchMethodError("No such DSL method ..."), as Jenkins does when the plugin
// that provides it is absent.
import groovy.json.JsonSlurperClassic
import java.util.concurrent.TimeUnit
import java.util.regex.Pattern
import org.codehaus.groovy.control.CompilerConfiguration

class PipelineHarness {

    static final List<String> STEPS = [
        'sh', 'withEnv', 'junit', 'recordIssues', 'sarif', 'archiveArtifacts', 'error', 'libraryResource',
        'fileExists', 'readFile', 'echo',
    ]

    final File library
    File workspace
    final File scratch
    final Map<String, String> env = [:]
    final CurrentBuild currentBuild = new CurrentBuild()
    final List<Map> calls = []
    StringBuilder log = new StringBuilder()
    final Set<String> missingSteps = [] as Set
    final Map<String, Script> vars = [:]
    private final Map<String, String> initialEnv
    private int scriptCount = 0

    PipelineHarness(File library, File workspace, File scratch) {
        this.library = library
        this.workspace = workspace
        this.scratch = scratch
        scratch.mkdirs()
        env.putAll([
            JENKINS_URL: 'http://jenkins.invalid/',
            BUILD_URL: 'http://jenkins.invalid/job/fixture/1/',
            JOB_NAME: 'fixture',
            BUILD_NUMBER: '1',
            NODE_NAME: 'built-in',
            WORKSPACE: workspace.path,
        ])
        initialEnv = new LinkedHashMap<>(env)
        Binding binding = new Binding([harness: this, env: env, currentBuild: currentBuild])
        CompilerConfiguration config = new CompilerConfiguration()
        config.scriptBaseClass = PipelineScript.name
        GroovyShell shell = new GroovyShell(PipelineHarness.classLoader, binding, config)
        new File(library, 'vars').listFiles().findAll { it.name.endsWith('.groovy') }.sort().each { file ->
            vars[file.name - '.groovy'] = shell.parse(file)
        }
    }

    /** Starts a case in `workspace`: forgets the environment, result, calls, log and missing steps. */
    void reset(File workspace, Map<String, String> extraEnv = [:]) {
        this.workspace = workspace
        env.clear()
        env.putAll(initialEnv)
        env.WORKSPACE = workspace.path
        env.putAll(extraEnv)
        currentBuild.@result = null
        calls.clear()
        log = new StringBuilder()
        missingSteps.clear()
    }

    /**
     * Calls the global variable `name` like a Jenkinsfile would; returns what it
     * returned, the exception that escaped (the build then is FAILURE) and the result.
     */
    Map run(String name, Map args) {
        Map outcome = [value: null, abort: null, crash: null]
        try {
            outcome.value = vars[name].invokeMethod('call', [args] as Object[])
        } catch (PipelineAbort abort) {
            currentBuild.result = 'FAILURE'
            outcome.abort = abort
            log << "ERROR: ${abort.message}\n"
        } catch (Throwable crash) {
            currentBuild.result = 'FAILURE'
            outcome.crash = crash
            log << "CRASH: ${crash}\n"
        }
        outcome.result = currentBuild.result
        return outcome
    }

    /** The calls of one step, in order. */
    List<Map> callsOf(String step) {
        return calls.findAll { it.step == step }
    }

    Object invoke(String name, Object[] args) {
        if (STEPS.contains(name) && !missingSteps.contains(name)) {
            return this.invokeMethod(name + 'Step', args)
        }
        if (vars.containsKey(name)) {
            return vars[name].invokeMethod('call', args)
        }
        List<String> known = (STEPS - missingSteps) + vars.keySet()
        throw new NoSuchMethodError("No such DSL method '${name}' found among steps ${known}")
    }

    // --- steps ----------------------------------------------------------------------------

    Object shStep(Object argument) {
        Map args = argument instanceof Map ? argument : [script: argument]
        String script = args.script
        File file = new File(scratch, "script-${++scriptCount}.sh")
        file.setText(script, 'UTF-8')
        List<String> command
        if (script.startsWith('#!')) {
            command = script.readLines()[0].substring(2).trim().split(/\s+/) as List
            command << file.path
        } else {
            command = ['bash', '-xe', file.path]
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace)
        Map<String, String> processEnv = builder.environment()
        processEnv.clear()
        processEnv.putAll(System.getenv())
        env.each { key, value -> if (value != null) { processEnv[key] = value.toString() } }
        File stdout = new File(scratch, "script-${scriptCount}.out")
        File stderr = new File(scratch, "script-${scriptCount}.err")
        builder.redirectOutput(stdout).redirectError(stderr)
        Process process = builder.start()
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            throw new PipelineAbort('sh', 'the script ran longer than 120 s')
        }
        int status = process.exitValue()
        String out = stdout.getText('UTF-8')
        String err = stderr.getText('UTF-8')
        calls << [step: 'sh', script: script, label: args.label, status: status, stdout: out, stderr: err,
                  returnStatus: args.returnStatus ?: false, returnStdout: args.returnStdout ?: false,
                  env: env.findAll { key, value -> key.startsWith('SLIPWAY_') }]
        if (!args.returnStdout) {
            log << out
        }
        log << err
        if (args.returnStatus) {
            return status
        }
        if (status != 0) {
            throw new PipelineAbort('sh', "script returned exit code ${status}")
        }
        return args.returnStdout ? out : null
    }

    Object withEnvStep(List overrides, Closure body) {
        calls << [step: 'withEnv', overrides: overrides.collect { it.toString() }]
        Map<String, String> saved = [:]
        Set<String> unset = [] as Set
        overrides.each { item ->
            String pair = item.toString()
            int split = pair.indexOf('=')
            if (split < 0) {
                throw new IllegalArgumentException(pair)
            }
            String name = pair.substring(0, split)
            String value = pair.substring(split + 1)
            if (!saved.containsKey(name) && !unset.contains(name)) {
                if (env.containsKey(name)) { saved[name] = env[name] } else { unset << name }
            }
            if (value.isEmpty()) { env.remove(name) } else { env[name] = value }
        }
        try {
            return body.call()
        } finally {
            unset.each { env.remove(it) }
            env.putAll(saved)
        }
    }

    Object junitStep(Map args) {
        List<String> files = matchFiles(args.testResults as String)
        int failures = 0
        int tests = 0
        files.each { path ->
            def root = new XmlSlurper().parse(resolve(path))
            root.'**'.findAll { it.name() == 'testcase' }.each { testcase ->
                tests++
                if (testcase.failure.size() > 0 || testcase.error.size() > 0) {
                    failures++
                }
            }
        }
        calls << [step: 'junit', args: args, files: files, tests: tests, failures: failures]
        if (files.isEmpty() && !args.allowEmptyResults) {
            throw new PipelineAbort('junit', 'No test report files were found. Configuration error?')
        }
        if (failures > 0 && !args.skipMarkingBuildUnstable) {
            currentBuild.result = 'UNSTABLE'
        }
        return [totalCount: tests, failCount: failures]
    }

    Object sarifStep(Map args) {
        calls << [step: 'sarif', args: args]
        return [tool: 'sarif'] + args
    }

    Object recordIssuesStep(Map args) {
        List<Map> tools = (args.tools as List).collect { tool ->
            List<String> files = matchFiles(tool.pattern as String)
            int results = 0
            files.each { path ->
                Map report = new JsonSlurperClassic().parse(resolve(path), 'UTF-8') as Map
                report.runs.each { run -> results += (run.results ?: []).size() }
            }
            [tool: tool, files: files, results: results]
        }
        calls << [step: 'recordIssues', args: args, tools: tools]
        return null
    }

    Object archiveArtifactsStep(Object argument) {
        Map args = argument instanceof Map ? argument : [artifacts: argument]
        List<String> files = matchFiles(args.artifacts as String)
        calls << [step: 'archiveArtifacts', args: args, files: files]
        if (files.isEmpty() && !args.allowEmptyArchive) {
            throw new PipelineAbort('archiveArtifacts', "No artifacts found that match the file pattern \"${args.artifacts}\"")
        }
        return null
    }

    Object errorStep(Object message) {
        calls << [step: 'error', message: message.toString()]
        throw new PipelineAbort('error', message.toString())
    }

    Object libraryResourceStep(Object path) {
        calls << [step: 'libraryResource', path: path.toString()]
        File file = new File(library, 'resources/' + path)
        if (!file.isFile()) {
            throw new PipelineAbort('libraryResource', "No such library resource ${path} could be found.")
        }
        return file.getText('UTF-8')
    }

    Object fileExistsStep(Object path) {
        boolean exists = resolve(path.toString()).exists()
        calls << [step: 'fileExists', path: path.toString(), exists: exists]
        return exists
    }

    Object readFileStep(Object argument) {
        Map args = argument instanceof Map ? argument : [file: argument]
        calls << [step: 'readFile', args: args]
        File file = resolve(args.file.toString())
        if (!file.isFile()) {
            throw new PipelineAbort('readFile', "java.nio.file.NoSuchFileException: ${file}")
        }
        return file.getText((args.encoding ?: 'UTF-8') as String)
    }

    Object echoStep(Object message) {
        calls << [step: 'echo', message: message.toString()]
        log << message.toString() << '\n'
        return null
    }

    // --- files ----------------------------------------------------------------------------

    File resolve(String path) {
        File file = new File(path)
        return file.absolute ? file : new File(workspace, path)
    }

    /** Workspace files matching comma-separated Ant patterns, as Jenkins' steps read them. */
    List<String> matchFiles(String patterns) {
        List<Pattern> regexes = patterns.split(',').collect { Pattern.compile(antRegex(it.trim())) }
        List<String> found = []
        walk(workspace, '', found, regexes)
        return found.sort()
    }

    private void walk(File dir, String prefix, List<String> found, List<Pattern> regexes) {
        dir.listFiles().each { file ->
            String path = prefix + file.name
            if (file.isDirectory()) {
                if (file.name != '.git') {
                    walk(file, path + '/', found, regexes)
                }
            } else if (regexes.any { it.matcher(path).matches() }) {
                found << path
            }
        }
    }

    /** An Ant pattern (`**` any folders, `*` and `?` within a name) as a regular expression. */
    static String antRegex(String pattern) {
        StringBuilder regex = new StringBuilder()
        int i = 0
        while (i < pattern.length()) {
            if (pattern.startsWith('**/', i)) {
                regex << '(?:.*/)?'
                i += 3
            } else if (pattern.startsWith('**', i)) {
                regex << '.*'
                i += 2
            } else if (pattern.charAt(i) == '*' as char) {
                regex << '[^/]*'
                i++
            } else if (pattern.charAt(i) == '?' as char) {
                regex << '[^/]'
                i++
            } else {
                regex << Pattern.quote(pattern.substring(i, i + 1))
                i++
            }
        }
        return regex.toString()
    }

}
