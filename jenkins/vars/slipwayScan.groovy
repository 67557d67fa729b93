// slipwayScan: `slipway scan` — secrets, vulnerable dependencies and CI,
// container and cluster misconfiguration. The same named arguments as
// slipway(), without stage; the areas are CLI flags in args, and failOn takes
// the scan's severity bands (critical, high, medium, low, never):
//
//     slipwayScan(args: ['--history'], failOn: 'high')

/** Runs `slipway scan` through slipway(); returns its counts and report paths. */
Map call(Map args = [:]) {
    if (args.containsKey('stage')) {
        error('slipwayScan: the stage is scan; call slipway(stage: ...) to run another one')
    }
    return slipway(args + [stage: 'scan'])
}
