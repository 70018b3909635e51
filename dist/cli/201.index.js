export const id = 201;
export const ids = [201];
export const modules = {

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ClientPool: () => (/* binding */ ClientPool),
/* harmony export */   createClients: () => (/* binding */ createClients),
/* harmony export */   s3ClientOptions: () => (/* binding */ s3ClientOptions)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5193);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3711);
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4736);
/**
 * AWS SDK clients. Credentials come only from the default provider chain.
 * Endpoints follow the standard `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>`
 * variables, which the SDK reads by itself; we only add path-style S3
 * addressing when a custom endpoint is set, because LocalStack, MinIO and
 * moto do not serve virtual-hosted buckets on 127.0.0.1.
 */



const customS3Endpoint = (env) => Boolean(env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL);
/** Retries are the SDK's own (standard mode); tests may lower them. */
const maxAttempts = (env) => Number(env.SPOT_DEPLOYER_AWS_MAX_ATTEMPTS ?? 5);
/** The S3 client's settings; `offlineS3` signs with the same ones, so its URLs have the deploy's shape. */
const s3ClientOptions = (region, env = process.env) => ({
    region,
    maxAttempts: maxAttempts(env),
    forcePathStyle: customS3Endpoint(env),
    // Presigned URLs must work with plain curl: no checksum headers unless required.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
});
function createClients(region, env = process.env) {
    const common = { region, maxAttempts: maxAttempts(env) };
    return {
        region,
        ec2: new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__/* .EC2Client */ .gu5(common),
        s3: new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.S3Client(s3ClientOptions(region, env)),
        ssm: new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__/* .SSMClient */ .jBj(common),
    };
}
/** One set of clients per region, created on first use. */
class ClientPool {
    byRegion = new Map();
    env;
    // A plain field, not a parameter property, so Node's type stripping can run this file (npm run bench).
    constructor(env = process.env) {
        this.env = env;
    }
    forRegion(region) {
        let clients = this.byRegion.get(region);
        if (!clients) {
            clients = createClients(region, this.env);
            this.byRegion.set(region, clients);
        }
        return clients;
    }
    destroy() {
        for (const clients of this.byRegion.values()) {
            clients.ec2.destroy();
            clients.s3.destroy();
            clients.ssm.destroy();
        }
    }
}


/***/ })

};
