// slipwayInstall: finds or installs the slipway binary on the current node
// and returns its absolute path.
//
// It runs the shared installer (packaging/install-slipway.sh, shipped with the
// library as a resource), which downloads the release archive for the node's
// architecture, checks it against the release's SHA256SUMS before unpacking
// anything, and keeps it in a tool folder keyed by version, so the next call
// on the same node downloads nothing. A checksum mismatch stops the build with
// the installer's message. The named arguments reach the installer only as
// SLIPWAY_INSTALL_* variables (withEnv): they are never part of shell text.
//
//     String bin = slipwayInstall(version: '0.1.0', installDir: '/opt/jenkins/tools/slipway')

import com.cloudbees.groovy.cps.NonCPS
import groovy.transform.Field

@Field
static final Map<String, String> INSTALL_VARIABLES = [
    version: 'SLIPWAY_INSTALL_VERSION',
    baseUrl: 'SLIPWAY_INSTALL_BASE_URL',
    installDir: 'SLIPWAY_INSTALL_DIR',
    path: 'SLIPWAY_INSTALL_PATH',
]

@Field
static final String INSTALLER = 'io/slipway/jenkins/install-slipway.sh'

/** Installs (or finds) slipway; returns the binary's absolute path. */
String call(Map args = [:]) {
    List<String> unknown = unknownArguments(args)
    if (unknown) {
        error('slipwayInstall: unknown argument ' + unknown.join(', ') + ' (known: ' +
              INSTALL_VARIABLES.keySet().join(', ') + ')')
    }
    List<String> environment = installEnvironment(args)
    String installer = libraryResource(INSTALLER)
    String output = ''
    withEnv(environment) {
        // The installer is a bash script (#!/usr/bin/env bash): `sh` runs it
        // with that interpreter. It prints the binary's path alone on stdout.
        output = sh(script: installer, returnStdout: true, label: 'install Slipway')
    }
    String bin = output.endsWith('\n') ? output.substring(0, output.length() - 1) : output
    if (!bin.startsWith('/')) {
        error('slipwayInstall: the installer printed no binary path (got "' + bin + '")')
    }
    return bin
}

@NonCPS
private static List<String> unknownArguments(Map args) {
    return args.keySet().findAll { name -> !INSTALL_VARIABLES.containsKey(name) }*.toString()
}

/** SLIPWAY_INSTALL_*=value for each argument given (an empty one counts as not given). */
@NonCPS
private static List<String> installEnvironment(Map args) {
    return INSTALL_VARIABLES.findAll { name, variable -> args[name] != null && String.valueOf(args[name]) != '' }
        .collect { name, variable -> variable + '=' + args[name] }
}
