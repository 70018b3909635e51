export const id = 279;
export const ids = [279];
export const modules = {

/***/ 6279:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   logsCommand: () => (/* binding */ logsCommand)
/* harmony export */ });
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(201);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _deploy_existing_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7634);
/* harmony import */ var _plan_load_project_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5031);
/**
 * `logs` (CLI only): the end of each instance's bootstrap log, as its agent
 * put it in its status object (`log_tail`, the last 4 KB). Read-only: it
 * lists the deployment's instances and reads their status objects once.
 */




/** Reads the log tails of the deployment's instances, or of the one instance asked for. */
async function logsCommand(options, instanceId, deps) {
    const { plan } = await (0,_plan_load_project_js__WEBPACK_IMPORTED_MODULE_2__/* .loadProject */ .g)({ dir: options.dir, overrides: options.overrides, run: deps.run, env: deps.env });
    const pool = new _aws_clients_js__WEBPACK_IMPORTED_MODULE_3__.ClientPool(deps.env);
    try {
        const all = await (0,_deploy_existing_js__WEBPACK_IMPORTED_MODULE_1__/* .findExisting */ .xx)(pool, plan);
        const views = instanceId === undefined ? all : all.filter((view) => view.id === instanceId);
        if (instanceId !== undefined && views.length === 0) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`instance ${instanceId} is not one of deployment ${plan.deploymentId}'s instances`, `Run spot-deployer status to list them${all.length === 0 ? ' (it has none running)' : ''}.`);
        }
        const statuses = await (0,_deploy_existing_js__WEBPACK_IMPORTED_MODULE_1__/* .readStatusesOf */ .kw)(pool, plan, views);
        const logs = views.map((view) => {
            const status = statuses.get(view.id);
            return {
                id: view.id,
                region: view.region,
                state: view.state,
                bootstrap: status?.status ?? 'pending',
                ...(status?.failed_step ? { failedStep: status.failed_step } : {}),
                ...(status?.finished_at ? { finishedAt: status.finished_at } : {}),
                logTail: status?.log_tail ?? '',
            };
        });
        return { deploymentId: plan.deploymentId, logs };
    }
    finally {
        pool.destroy();
    }
}


/***/ })

};
