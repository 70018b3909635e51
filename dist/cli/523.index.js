export const id = 523;
export const ids = [523];
export const modules = {

/***/ 3523:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  planCommand: () => (/* binding */ planCommand)
});

// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/pricing.ts
var pricing = __webpack_require__(6163);
;// CONCATENATED MODULE: ./src/deploy/estimate.ts
/**
 * `plan`'s price estimate: read-only calls only, and when AWS cannot be
 * reached (no credentials, no network) plan carries on offline with a notice.
 */



async function cheapestSpotPrice(pool, region, instanceTypes) {
    const prices = [...(await (0,pricing/* fetchSpotPrices */.bL)(pool.forRegion(region), instanceTypes)).values()].filter((price) => Number.isFinite(price));
    return prices.length === 0 ? undefined : Math.min(...prices);
}
async function estimateCost(plan, env = process.env) {
    // One attempt each: plan must stay quick when AWS is out of reach.
    const pool = new clients.ClientPool({ ...env, SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' });
    try {
        let total = 0;
        // Every region at once: the answer is the same, the wait is the slowest region's, not their sum.
        const wanted = plan.regions.filter((candidate) => candidate.count > 0);
        const prices = await Promise.all(wanted.map((region) => cheapestSpotPrice(pool, region.name, region.instanceTypes)));
        for (const [index, region] of wanted.entries()) {
            const price = prices[index];
            if (price === undefined)
                return { notices: [`no spot price found for ${region.instanceTypes.join(', ')} in ${region.name}`] };
            total += price * region.count;
        }
        return { costPerHour: Number(total.toFixed(6)), notices: [] };
    }
    catch (error) {
        return { notices: [`offline: prices could not be read (${(0,errors/* awsErrorCode */.J6)(error)}); the plan is built without them`] };
    }
    finally {
        pool.destroy();
    }
}

// EXTERNAL MODULE: ./src/cloudinit/user-data.ts + 3 modules
var user_data = __webpack_require__(7632);
// EXTERNAL MODULE: ./src/deploy/prepare.ts + 9 modules
var prepare = __webpack_require__(8148);
;// CONCATENATED MODULE: ./src/commands/plan.ts
/**
 * `plan`: validate, then build the bundle and user-data and show what would
 * run where, with an estimated cost. Read-only against AWS.
 */



const optional = (notice) => (notice === undefined ? [] : [notice]);
/** `plan`: the offline half of a deploy, shown; prices read-only, offline with a notice. */
async function planCommand(plan, env) {
    // The prices are read while the bundle builds; a user-data that cannot fit is refused before either.
    await (0,prepare/* userDataSizeCheck */.Vm)(plan);
    const estimating = estimateCost(plan, env);
    const prepared = await (0,prepare/* prepareDeployment */.JH)(plan).catch(async (error) => {
        await estimating;
        throw error;
    });
    prepared.dispose();
    const estimate = await estimating;
    const result = {
        deploymentId: plan.deploymentId,
        // Both parts: the public bundle's files and the secrets that travel sealed to each instance.
        files: [...prepared.secretBundle.entries.filter((entry) => entry.secret), ...prepared.bundle.entries]
            .filter((entry) => entry.type === 'file')
            .map(({ path, size, mode, secret }) => ({ path, size, mode, secret })),
        bundle: { sha256: prepared.bundle.sha256, bytes: prepared.bundle.bytes, files: (0,prepare/* bundleFileCount */.K7)(prepared.bundle) },
        userDataBytes: prepared.sizeCheck.bytes,
        regions: plan.regions.map((region) => ({
            name: region.name,
            count: region.count,
            instanceTypes: region.instanceTypes,
            image: region.image,
        })),
        market: plan.market,
        sourceFiles: plan.sourceFiles,
        ...(estimate.costPerHour === undefined ? {} : { estimatedCostPerHour: estimate.costPerHour }),
        notices: [...estimate.notices, ...plan.notices, ...prepared.bundle.notices, ...optional((0,user_data/* userDataNotice */.o8)(prepared.sizeCheck))],
    };
    return { result, userDataText: prepared.sizeCheck.text };
}


/***/ })

};
