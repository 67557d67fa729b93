// slipwayLint: `slipway lint` — the built-in checks and the linters
// .slipway.yml enables, on the changed (or all) files. The same named
// arguments as slipway(), without stage:
//
//     slipwayLint(failOn: 'warning')
//     Map lint = slipwayLint(args: ['--all'], unstableOnFindings: true)

/** Runs `slipway lint` through slipway(); returns its counts and report paths. */
Map call(Map args = [:]) {
    if (args.containsKey('stage')) {
        error('slipwayLint: the stage is lint; call slipway(stage: ...) to run another one')
    }
    return slipway(args + [stage: 'lint'])
}
