// The `currentBuild` global as a step sees it: `result` is null while the
// build has not been given one, and setting it only ever makes it worse
// (Run.setResult in Jenkins ignores a better result than the current one).
class CurrentBuild {

    static final List<String> ORDER = ['SUCCESS', 'UNSTABLE', 'FAILURE', 'NOT_BUILT', 'ABORTED']

    String result

    void setResult(String value) {
        if (!ORDER.contains(value)) {
            throw new IllegalArgumentException("not a build result: ${value}")
        }
        if (result == null || ORDER.indexOf(value) > ORDER.indexOf(result)) {
            result = value
        }
    }

    String getCurrentResult() {
        return result ?: 'SUCCESS'
    }

}
