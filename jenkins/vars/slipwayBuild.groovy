// slipwayBuild: `slipway build` — the configured (or detected) build and test
// steps with their JUnit results and coverage gate, then the artifacts, then
// `slipway version --next` (unless nextVersion: false), whose answer is the
// returned map's `version`. The same named arguments as slipway(), without
// stage:
//
//     Map build = slipwayBuild()
//     echo "next release: ${build.version}"

/** Runs `slipway build` through slipway(); returns its counts, report paths and next version. */
Map call(Map args = [:]) {
    if (args.containsKey('stage')) {
        error('slipwayBuild: the stage is build; call slipway(stage: ...) to run another one')
    }
    return slipway(args + [stage: 'build'])
}
