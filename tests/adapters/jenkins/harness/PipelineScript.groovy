// Base class of every vars/*.groovy script the harness loads. Jenkins resolves
// a call such as `sh(...)` or `slipway(...)` inside a library script to a
// pipeline step or to another global variable; here methodMissing does the
// same through the PipelineHarness bound as `harness`, which throws what
// Jenkins throws for a step no plugin provides (NoSuchMethodError).
abstract class PipelineScript extends Script {

    Object methodMissing(String name, Object args) {
        PipelineHarness harness = (PipelineHarness) binding.getVariable('harness')
        return harness.invoke(name, args as Object[])
    }

}
