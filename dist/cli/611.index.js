export const id = 611;
export const ids = [611];
export const modules = {

/***/ 6611:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pullRequestChecker: () => (/* binding */ pullRequestChecker)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
;// CONCATENATED MODULE: ./src/github/client.ts
/**
 * The one place that builds a GitHub client. The base URL follows
 * GITHUB_API_URL (GitHub Enterprise, and the tests' local fake).
 */

const createGitHubClient = (token) => (0,github/* getOctokit */.Q)(token);
function repoRef(repository) {
    const [owner, repo] = repository.split('/');
    return owner && repo ? { owner, repo } : undefined;
}

;// CONCATENATED MODULE: ./src/github/pull-requests.ts
/** Whether a pull request is closed, for `sweep` to retire its preview. */

function pullRequestChecker(token, repository) {
    const github = createGitHubClient(token);
    const repo = repoRef(repository);
    return async (pullRequest) => {
        if (!repo)
            return false;
        const { data } = await github.rest.pulls.get({ ...repo, pull_number: pullRequest });
        return data.state === 'closed';
    };
}


/***/ })

};
