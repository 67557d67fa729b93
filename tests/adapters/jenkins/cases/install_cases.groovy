// Cases for test_jenkins_install.sh: slipwayInstall and a stage step getting
// slipway from the local release server, the per-node cache, and a tampered
// archive.
import java.security.MessageDigest

File library = new File(System.getenv('JENKINS_LIBRARY'))
File clean = new File(System.getenv('FIXTURES'), 'clean')
String version = System.getenv('RELEASE_VERSION')
String arch = System.getenv('RELEASE_ARCH')
File archive = new File(System.getenv('ARCHIVE'))
String baseUrl = System.getenv('BASE_URL')
File serverLog = new File(System.getenv('SERVER_LOG'))
File nodes = new File(System.getenv('NODES'))

PipelineHarness harness = new PipelineHarness(library, clean, new File(System.getenv('SCRATCH')))
Checks checks = new Checks(harness: harness)

Closure<Integer> archiveDownloads = { ->
    serverLog.readLines().count { it.contains("\"GET /v${version}/${archive.name} HTTP") } as int
}
Closure<String> sha256 = { File file -> MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString() }
Closure<Map> installerRun = { -> harness.callsOf('sh').find { it.script.startsWith('#!') } }
String genuine = sha256(archive)
String node1 = new File(nodes, 'node1/tools/slipway').path
String installed = "${node1}/${version}/${arch}/bin/slipway"

// --- first call: downloads, verifies, installs into the node's tool folder ---------------------
checks.start('slipwayInstall, first call')
harness.reset(clean)
Map outcome = harness.run('slipwayInstall', [version: version, baseUrl: baseUrl, installDir: node1])
checks.eq(outcome.abort?.message, null, 'no error')
checks.eq(outcome.value, installed, 'returned the installed binary')
checks.eq(installerRun()?.env, [SLIPWAY_INSTALL_VERSION: version, SLIPWAY_INSTALL_BASE_URL: baseUrl,
                                SLIPWAY_INSTALL_DIR: node1], 'the installer got its arguments through withEnv')
checks.eq(harness.callsOf('libraryResource')*.path, ['io/slipway/jenkins/install-slipway.sh'], 'the installer resource')
checks.contains(installerRun()?.stderr, "verified (SHA-256 ${genuine})", 'the installer verified the archive')
checks.eq(archiveDownloads(), 1, 'downloaded the archive once')
checks.check(new File("${node1}/${version}/${arch}.complete").isFile(), 'the cache marker is written')
Process ran = [installed, 'version'].execute()
checks.eq(ran.text.trim(), "slipway ${version}".toString(), 'the installed binary runs')

// --- second call: the cached copy, nothing downloaded ----------------------------------------------
checks.start('slipwayInstall, second call')
harness.reset(clean)
outcome = harness.run('slipwayInstall', [version: version, baseUrl: baseUrl, installDir: node1])
checks.eq(outcome.value, installed, 'the same binary')
checks.contains(installerRun()?.stderr, "using the cached copy in ${node1}/${version}/${arch}", 'says it used the cache')
checks.eq(archiveDownloads(), 1, 'the second call downloaded nothing')

// --- a stage step installs the same way, from the job environment ----------------------------------
checks.start('slipwayLint, installing from the job environment')
harness.reset(clean, [SLIPWAY_INSTALL_BASE_URL: baseUrl, SLIPWAY_INSTALL_DIR: node1])
outcome = harness.run('slipwayLint', [version: version])
checks.eq(outcome.abort?.message, null, 'no error')
checks.contains(installerRun()?.stderr, "using the cached copy in ${node1}/${version}/${arch}", 'found the cached copy')
checks.check(harness.callsOf('sh').find { !it.script.startsWith('#!') }?.script?.startsWith("'${installed}' 'lint'"),
             'linted with the installed binary')
checks.eq(outcome.value?.findings, 0, 'the lint ran')
checks.eq(archiveDownloads(), 1, 'still one download')

checks.start('slipwayLint, another node')
String node2 = new File(nodes, 'node2/tools/slipway').path
harness.reset(clean)
outcome = harness.run('slipwayLint', [version: version, baseUrl: baseUrl, installDir: node2])
checks.eq(outcome.abort?.message, null, 'no error')
checks.eq(archiveDownloads(), 2, 'a node without the release downloads it')
checks.check(new File("${node2}/${version}/${arch}/bin/slipway").canExecute(), 'installed in that node folder')

// --- a tampered archive ------------------------------------------------------------------------
archive.append('tampered')
String tampered = sha256(archive)
String node3 = new File(nodes, 'node3/tools/slipway').path
String mismatch = "install-slipway: checksum mismatch for ${archive.name}: expected ${genuine}, got ${tampered}"
['slipwayInstall', 'slipwayScan'].each { step ->
    checks.start("${step}, tampered archive")
    harness.reset(clean)
    outcome = harness.run(step, [version: version, baseUrl: baseUrl, installDir: node3])
    checks.eq(outcome.abort?.message, 'script returned exit code 1', 'the installer stopped the build')
    checks.eq(outcome.result, 'FAILURE', 'currentBuild.result FAILURE')
    checks.contains(harness.log.toString(), mismatch, 'the mismatch message is in the build log')
    checks.eq(installerRun()?.stdout, '', 'no binary printed')
    checks.eq(harness.callsOf('sh').size(), 1, 'slipway did not run')
    checks.check(!new File("${node3}/${version}/${arch}").exists(), 'nothing installed')
    checks.check(!new File("${node3}/${version}/${arch}.complete").exists(), 'no cache marker')
}

// The copy verified before is still what node1 uses, without downloading.
checks.start('slipwayInstall, verified copy after the tampering')
int before = archiveDownloads()
harness.reset(clean)
outcome = harness.run('slipwayInstall', [version: version, baseUrl: baseUrl, installDir: node1])
checks.eq(outcome.value, installed, 'the cached binary')
checks.eq(archiveDownloads(), before, 'nothing downloaded')

checks.finish()
