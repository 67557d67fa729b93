// What Jenkins throws when a step fails: `error(...)` and a failing `sh`
// (hudson.AbortException), and an uncaught one fails the build. The harness
// throws this in their place and records the build as FAILURE when it escapes
// a step.
class PipelineAbort extends RuntimeException {

    final String step

    PipelineAbort(String step, String message) {
        super(message)
        this.step = step
    }

}
