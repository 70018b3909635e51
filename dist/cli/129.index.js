export const id = 129;
export const ids = [129];
export const modules = {

/***/ 9129:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: EXIT

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/core/codes.ts
var codes = __webpack_require__(7265);
// EXTERNAL MODULE: ./src/config/convention.ts
var convention = __webpack_require__(559);
// EXTERNAL MODULE: ./src/config/find-root.ts
var find_root = __webpack_require__(6944);
// EXTERNAL MODULE: ./src/config/config-schema.ts
var config_schema = __webpack_require__(484);
// EXTERNAL MODULE: ./src/config/deployment-schema.ts
var deployment_schema = __webpack_require__(9143);
;// CONCATENATED MODULE: ./src/config/json-schema.ts



/** Where editors fetch the schemas; `init` writes it into each file's first line. */
const SCHEMA_BASE_URL = 'https://raw.githubusercontent.com/spot-deployer/spot-deployer/v2/schema';
const SCHEMA_FILES = {
    config: 'config.schema.json',
    deployment: 'deployment.schema.json',
};
const CONFIG_DESCRIPTIONS = {
    version: 'Schema version; 1.',
    name: 'Deployment name; tags and S3 keys derive from it. Default: the repository or folder name.',
    instances: 'Total instances, spread over regions in order. Default: one per region.',
    regions: 'Ordered list of region names, or maps {name, count, instance_types, image, subnets}.',
    instance_types: 'Ordered capacity ladder, e.g. [t3.small, t3a.small]. Default [t3.small].',
    architecture: 'x86_64 or arm64; must agree with the instance types.',
    image: 'ubuntu-24.04 (default), ubuntu-22.04, al2023, ami-… or ssm:/path.',
    market: 'spot (default), on-demand or spot-then-on-demand.',
    max_price: 'USD per instance-hour cap for spot.',
    allocation: 'EC2 Fleet spot allocation strategy: price-capacity-optimized (default), capacity-optimized, lowest-price or diversified. On-demand follows the order of instance_types.',
    root_volume: '{size_gb, type}; always encrypted. Default {size_gb: 20, type: gp3}.',
    network: '{vpc, subnets, public_ip, ingress: [{port, cidr, protocol}]}. Default: default VPC, no ingress.',
    ssh: '{key_name} or {public_key} / {public_key_path}, username, cidr. SSH is off unless set.',
    iam_instance_profile: 'Instance profile name or ARN.',
    ttl: 'Dead-man switch: 90s, 15m, 8h, 3d or never. Default 24h.',
    tags: 'Tags added to every resource.',
    bucket: 'S3 bucket for bundles and status objects, or {name, create, prefix}. Required here or as an input.',
    wait: 'none, running or ready (default).',
    ready_timeout: 'How long to wait for ready, e.g. 15m (default).',
    health_check: '{port, path, expect} polled by the instance before it reports ready.',
};
const DEPLOYMENT_DESCRIPTIONS = {
    version: 'Schema version; 1.',
    target: 'Where the bundle unpacks on the instance. Default /opt/deployment.',
    packages: 'OS packages (apt on Ubuntu, dnf on AL2023): name or name=version.',
    env: 'Written to /etc/spot-deployer/env (0600) and given to scripts and services.',
    uploads: '[{source, dest, permissions, owner, exclude}]; source is relative to the project root.',
    secrets: 'Like uploads, but 0600 files / 0700 folders owned by root; never printed.',
    scripts: 'Ordered; each a command string or {command | path, working_dir, user, env, timeout}.',
    services: '[{file | unit, name, enabled, start, after, health}]: systemd units.',
    compose: 'A docker compose file in the bundle, run as a systemd service.',
    tarball: 'External package {url, checksum: sha256:…, extract_to}, or a list of them.',
    hooks: '{pre_install, post_install, on_failure}: commands run on the instance.',
    template: 'cloud-init base template: minimal (default), docker, or a path.',
};
function build(schema, id, title, descriptions) {
    const json = z.toJSONSchema(schema, {
        target: 'draft-2020-12',
        unrepresentable: 'any',
    });
    const properties = (json.properties ?? {});
    for (const [key, description] of Object.entries(descriptions)) {
        if (properties[key])
            properties[key] = { description, ...properties[key] };
    }
    return {
        $schema: json.$schema,
        $id: `${SCHEMA_BASE_URL}/${id}`,
        title,
        ...json,
    };
}
/** JSON Schemas of both files, generated from the zod schemas (never edited by hand). */
function buildJsonSchemas() {
    return {
        config: build(configSchema, SCHEMA_FILES.config, 'spot-deployer .spot/config.yaml (version 1)', CONFIG_DESCRIPTIONS),
        deployment: build(deploymentSchema(), SCHEMA_FILES.deployment, 'spot-deployer .spot/deployment.yaml (version 1)', DEPLOYMENT_DESCRIPTIONS),
    };
}
/** The file text for `schema/<name>`: stable key order, two-space indent, final newline. */
const jsonSchemaText = (schema) => `${JSON.stringify(schema, null, 2)}\n`;

// EXTERNAL MODULE: ./src/core/errors.ts
var core_errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/plan/build-plan.ts + 1 modules
var build_plan = __webpack_require__(1292);
// EXTERNAL MODULE: ./src/core/templates.ts
var templates = __webpack_require__(4576);
;// CONCATENATED MODULE: ./src/commands/init.ts










/** Files `init` writes; the workflow files are copied from templates/init/. */
const INIT_FILES = {
    config: '.spot/config.yaml',
    deployment: '.spot/deployment.yaml',
    spotignore: '.spotignore',
    preview: '.github/workflows/spot-preview.yml',
    deploy: '.github/workflows/spot-deploy.yml',
    sweep: '.github/workflows/spot-sweep.yml',
};
/**
 * Scaffolds `.spot/` from what the `deployment/` scan finds, plus
 * `.spotignore` and example workflows. Never overwrites without `force`:
 * any existing target is an SD127 error naming it, and nothing is written.
 */
async function runInit(options) {
    const root = external_node_path_default().resolve(options.dir);
    if (!isDirectory(external_node_path_default().join(root, find_root/* CONVENTION_DIR */.Yq)) && (0,convention/* rootComposeFile */.rX)(root) === undefined) {
        throw initError(codes/* CODE */.Sq.incompleteSpot, find_root/* CONVENTION_DIR */.Yq, `no ${find_root/* CONVENTION_DIR */.Yq}/ folder and no compose file in ${root} to scaffold from`, 'create deployment/setup.sh with the commands that install your app (or a compose.yaml), then run init again');
    }
    if (!(0,convention/* scanRunsSomething */.Gr)((0,convention/* scanConvention */.vC)(root))) {
        throw initError(codes/* CODE */.Sq.incompleteSpot, `${find_root/* CONVENTION_DIR */.Yq}/`, `${find_root/* CONVENTION_DIR */.Yq}/ has nothing to run: no setup.sh or init.sh, no scripts/*.sh, no *.service and no compose file`, 'create deployment/setup.sh with the commands that install and start your app, then run init again');
    }
    const contents = renderInitFiles(root, options);
    const existing = Object.keys(contents).filter((file) => (0,external_node_fs_.existsSync)(external_node_path_default().join(root, file)));
    if (existing.length > 0 && !options.force) {
        throw new core_errors/* ConfigError */.xL(existing.map((file) => issue(codes/* CODE */.Sq.wouldOverwrite, file, `${file} already exists`, 'pass --force to overwrite it, or move it away first')));
    }
    for (const [file, text] of Object.entries(contents)) {
        (0,external_node_fs_.mkdirSync)(external_node_path_default().dirname(external_node_path_default().join(root, file)), { recursive: true });
        (0,external_node_fs_.writeFileSync)(external_node_path_default().join(root, file), text);
    }
    return { written: Object.keys(contents) };
}
/** The text of every file init writes, keyed by project-relative path. */
function renderInitFiles(root, options) {
    const name = (0,build_plan/* sanitizeName */.rh)(external_node_path_default().basename(root)) || 'app';
    // Web Crypto's global, not node:crypto: importing that costs every other command (validate included) its load time.
    const suffix = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(3))).toString('hex');
    const bucket = options.bucket ?? (0,build_plan/* sanitizeName */.rh)(`spot-deployer-${name}-${suffix}`, 63);
    const template = (file) => (0,templates/* readTemplate */.x)(`init/${file}`);
    const config = template('config.yaml')
        .replaceAll('{{schema}}', `${SCHEMA_BASE_URL}/${SCHEMA_FILES.config}`)
        .replaceAll('{{name}}', name)
        .replaceAll('{{bucket}}', bucket);
    return {
        [INIT_FILES.config]: config,
        [INIT_FILES.deployment]: renderDeployment(root),
        [INIT_FILES.spotignore]: template('spotignore'),
        [INIT_FILES.preview]: template('spot-preview.yml'),
        [INIT_FILES.deploy]: template('spot-deploy.yml'),
        [INIT_FILES.sweep]: template('spot-sweep.yml'),
    };
}
/** Exactly what the convention scan found, as `.spot/deployment.yaml`. */
function renderDeployment(root) {
    const scan = (0,convention/* scanConvention */.vC)(root);
    const header = [
        `# yaml-language-server: $schema=${SCHEMA_BASE_URL}/${SCHEMA_FILES.deployment}`,
        '# What goes onto each instance (version 1). Written by `spot-deployer init`',
        '# from what it found in deployment/; edit freely, it now wins over the scan:',
        ...scan.files.map((file) => `#   ${file}`),
        '',
    ];
    return `${header.join('\n')}${(0,dist/* stringify */.As)(scan.deployment, { lineWidth: 0 })}`;
}
const isDirectory = (target) => (0,external_node_fs_.existsSync)(target) && (0,external_node_fs_.statSync)(target).isDirectory();
function issue(code, file, message, hint) {
    return {
        code,
        file,
        line: 1,
        column: 1,
        key: '',
        message,
        hint,
        severity: 'error',
    };
}
function initError(code, file, message, hint) {
    return new core_errors/* ConfigError */.xL([issue(code, file, message, hint)]);
}

// EXTERNAL MODULE: ./src/config/check-config.ts
var check_config = __webpack_require__(8317);
// EXTERNAL MODULE: ./src/plan/load-project.ts + 21 modules
var load_project = __webpack_require__(5031);
;// CONCATENATED MODULE: ./src/commands/validate.ts


/**
 * Loads and checks everything, offline: no AWS client exists here. Config
 * problems come back as issues (print them with formatIssue); anything else
 * is a bug or an I/O failure and is thrown.
 */
async function runValidate(options) {
    try {
        const { plan, warnings } = await (0,load_project/* loadProject */.g)({
            dir: options.dir,
            overrides: options.overrides,
            run: options.run,
        });
        return { ok: true, issues: warnings, plan };
    }
    catch (error) {
        if (!(error instanceof core_errors/* ConfigError */.xL))
            throw error;
        const errors = error.issues.filter((issue) => issue.severity === 'error');
        const warnings = error.issues.filter((issue) => issue.severity === 'warning');
        return { ok: false, issues: [...errors, ...warnings] };
    }
}

;// CONCATENATED MODULE: ./src/commands/fork-guard.ts
/**
 * Under `pull_request_target` a workflow runs with the base repository's
 * secrets and OIDC token. If the job checks out the pull request's head from
 * a fork, `deploy` would bundle and run that stranger's code on instances
 * launched with the base repository's AWS role (and an instance profile, if
 * configured). So a fork's pull request under pull_request_target is refused
 * unless `allow-fork-pull-request-target: true` says someone reviewed it.
 * Tearing down (destroy, a closed PR) and read-only commands stay allowed.
 */


const isForkUnderPullRequestTarget = (run) => run.fromFork && run.eventName === 'pull_request_target';
function assertTrustedSource(options, run) {
    if (options.command !== 'deploy' || !isForkUnderPullRequestTarget(run) || options.allowForkPullRequestTarget)
        return;
    throw new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.untrustedFork, `pull request #${run.pullRequest ?? '?'} comes from a fork, and pull_request_target gives it ${run.repository}'s AWS role: refusing to deploy its code`, {
        key: 'allow-fork-pull-request-target',
        hint: "Use the pull_request event for forks (no AWS access, validate/plan only), or, after reviewing the fork's code, set allow-fork-pull-request-target: true (docs/security.md).",
    });
}

// EXTERNAL MODULE: ./src/config/format-issues.ts
var format_issues = __webpack_require__(8956);
;// CONCATENATED MODULE: ./src/commands/execute.ts
/**
 * The one core both entries call: options in, a typed result out. The action
 * and the CLI differ only in how they read options and show results.
 */






async function planOf(options, deps) {
    const { plan, warnings } = await (0,load_project/* loadProject */.g)({ dir: options.dir, overrides: options.overrides, run: deps.run, env: deps.env });
    // `plan` lists them among its notices (text and --json); every other command says them once here.
    if (options.command !== 'plan')
        for (const warning of warnings)
            deps.surface.warn((0,format_issues/* formatIssueUnlabelled */.vD)(warning));
    return plan;
}
async function execute(options, deps) {
    if (options.command === 'init') {
        throw new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.usage, 'init writes files into the project, so it runs in a terminal, not in the action', {
            hint: 'Run `npx spot-deployer init` in your project and commit what it writes.',
        });
    }
    if (options.command === 'validate') {
        const validated = await runValidate({ dir: options.dir, overrides: options.overrides, run: deps.run });
        if (!validated.ok || !validated.plan)
            throw new core_errors/* ConfigError */.xL(validated.issues);
        for (const warning of validated.issues)
            deps.surface.warn((0,format_issues/* formatIssueUnlabelled */.vD)(warning));
        return { command: 'validate', plan: validated.plan, warnings: validated.plan.notices };
    }
    assertTrustedSource(options, deps.run);
    const plan = await planOf(options, deps);
    await deps.onPlan?.(plan);
    if (options.command === 'plan') {
        const { planCommand } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(290), __webpack_require__.e(994), __webpack_require__.e(720), __webpack_require__.e(847), __webpack_require__.e(982), __webpack_require__.e(523)]).then(__webpack_require__.bind(__webpack_require__, 3523));
        const planned = await planCommand(plan, deps.env);
        return { command: 'plan', plan, ...planned };
    }
    // The AWS SDK is loaded only by the commands that call AWS, so validate starts fast.
    const { executeWithAws } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(290), __webpack_require__.e(994), __webpack_require__.e(720), __webpack_require__.e(847), __webpack_require__.e(982), __webpack_require__.e(634), __webpack_require__.e(848)]).then(__webpack_require__.bind(__webpack_require__, 8848));
    return await executeWithAws(options, plan, deps);
}

;// CONCATENATED MODULE: ./src/commands/options.ts
/**
 * The options every command takes, from the action's inputs or the CLI's
 * flags. Both read raw strings under the same names and share this parser,
 * so the two surfaces cannot drift apart.
 */

const COMMANDS = ['validate', 'plan', 'deploy', 'status', 'destroy', 'sweep', 'init'];
const ALIASES = { create: 'deploy', list: 'status' };
/** Input names and defaults; `action.yml` must say the same (a test checks). */
const INPUT_DEFAULTS = {
    command: 'deploy',
    'working-directory': '.',
    config: '.spot/config.yaml',
    'deployment-name': '',
    regions: '',
    instances: '',
    'instance-types': '',
    bucket: '',
    wait: '',
    'ready-timeout-minutes': '',
    /** Deprecated spelling of ready-timeout-minutes: it shares its name with the step keyword `timeout-minutes`. */
    'timeout-minutes': '',
    ttl: '',
    tags: '',
    'dry-run': 'false',
    'github-token': '${{ github.token }}',
    'pr-comment': 'true',
    environment: '',
    'cleanup-on-failure': 'true',
    'allow-fork-pull-request-target': 'false',
};
const list = (value) => value
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);
function wholeNumber(name, value, min) {
    if (value === '')
        return undefined;
    if (!/^\d+$/.test(value) || Number(value) < min) {
        throw new core_errors/* UsageError */.eb(`input ${name} must be a whole number of at least ${min}, got "${value}"`, `Set ${name} to e.g. "${min === 0 ? 0 : 2}" or leave it empty to use .spot/config.yaml.`);
    }
    return Number(value);
}
function bool(name, value) {
    if (/^(true|yes|1)$/i.test(value))
        return true;
    if (/^(false|no|0|)$/i.test(value))
        return false;
    throw new core_errors/* UsageError */.eb(`input ${name} must be true or false, got "${value}"`, `Set ${name}: true or ${name}: false.`);
}
/** `key=value` per line or comma, or a JSON object. */
function parseTags(value) {
    if (value.trim() === '')
        return undefined;
    if (value.trim().startsWith('{')) {
        try {
            const parsed = JSON.parse(value);
            return Object.fromEntries(Object.entries(parsed).map(([key, tagValue]) => [key, String(tagValue)]));
        }
        catch {
            throw new core_errors/* UsageError */.eb('input tags is not valid JSON', 'Use a JSON object such as {"team":"web"} or key=value lines.');
        }
    }
    const tags = {};
    for (const pair of value
        .split(/[\n,]+/)
        .map((item) => item.trim())
        .filter(Boolean)) {
        const at = pair.indexOf('=');
        if (at <= 0)
            throw new core_errors/* UsageError */.eb(`input tags: "${pair}" is not key=value`, 'Write one tag per line as key=value.');
        tags[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
    return tags;
}
function parseCommand(value) {
    const name = value.trim().toLowerCase() || 'deploy';
    const command = ALIASES[name] ?? (COMMANDS.includes(name) ? name : undefined);
    if (!command)
        throw new core_errors/* UsageError */.eb(`unknown command "${value}"`, `Use one of: ${COMMANDS.join(', ')} (aliases: create, list).`);
    return command;
}
function parseWait(value) {
    if (value === '')
        return undefined;
    if (value === 'none' || value === 'running' || value === 'ready')
        return value;
    throw new core_errors/* UsageError */.eb(`input wait must be none, running or ready, got "${value}"`, 'Set wait: ready to wait for the bootstrap to report.');
}
const TIMEOUT_DEPRECATION = 'timeout-minutes is deprecated: it shares its name with the step keyword timeout-minutes; use ready-timeout-minutes (it still works for now)';
/** `ready-timeout-minutes`, or the deprecated `timeout-minutes` when only that one is set. */
function readyTimeoutMinutes(get) {
    const current = wholeNumber('ready-timeout-minutes', get('ready-timeout-minutes'), 1);
    const old = wholeNumber('timeout-minutes', get('timeout-minutes'), 1);
    if (current !== undefined && old !== undefined && current !== old) {
        throw new core_errors/* UsageError */.eb(`ready-timeout-minutes (${current}) and its deprecated alias timeout-minutes (${old}) disagree`, 'Keep ready-timeout-minutes only.');
    }
    return current ?? old;
}
/** Turns raw inputs (missing means default) into typed options. */
function parseOptions(raw) {
    const get = (name) => (raw[name] ?? INPUT_DEFAULTS[name]).trim();
    const config = get('config');
    const overrides = {
        config: config === INPUT_DEFAULTS.config ? undefined : config,
        deploymentName: get('deployment-name') || undefined,
        regions: get('regions') ? list(get('regions')) : undefined,
        instances: wholeNumber('instances', get('instances'), 1),
        instanceTypes: get('instance-types') ? list(get('instance-types')) : undefined,
        bucket: get('bucket') || undefined,
        wait: parseWait(get('wait')),
        timeoutMinutes: readyTimeoutMinutes(get),
        ttl: get('ttl') || undefined,
        tags: parseTags(get('tags')),
    };
    return {
        command: parseCommand(get('command')),
        dir: get('working-directory') || '.',
        overrides,
        dryRun: bool('dry-run', get('dry-run')),
        prComment: bool('pr-comment', get('pr-comment')),
        environment: get('environment') || undefined,
        cleanupOnFailure: bool('cleanup-on-failure', get('cleanup-on-failure')),
        deprecations: get('timeout-minutes') === '' ? [] : [TIMEOUT_DEPRECATION],
        allowForkPullRequestTarget: bool('allow-fork-pull-request-target', get('allow-fork-pull-request-target')),
    };
}

;// CONCATENATED MODULE: ./src/report/format-error.ts
/**
 * How an error reads to a user: code, message, where, and a hint. A stack
 * trace only when debug logging is on.
 */



function formatError(error, debug) {
    if (error instanceof core_errors/* ConfigError */.xL) {
        return (0,format_issues/* formatIssues */.og)(error.issues);
    }
    if (error instanceof core_errors/* SpotError */.Pl) {
        const where = error.position
            ? `${error.position.file}${error.position.line ? `:${error.position.line}` : ''}${error.position.column ? `:${error.position.column}` : ''}  `
            : '';
        const key = error.key ? `${error.key}  ` : '';
        const lines = [`${error.code} ${where}${key}${error.message}`];
        if (error.hint)
            lines.push(`  hint: ${error.hint}`);
        if (debug && error.cause instanceof Error && error.cause.stack)
            lines.push(error.cause.stack);
        return lines.join('\n');
    }
    const message = error instanceof Error ? error.message : String(error);
    const lines = [`${codes/* CODE */.Sq.bug} unexpected error: ${message}`, `  hint: ${(0,codes/* defaultHint */.bO)(codes/* CODE */.Sq.bug)}`];
    if (debug && error instanceof Error && error.stack)
        lines.push(error.stack);
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/report/format-usd.ts
/** USD amounts: four decimals, or two significant digits for fractions of a cent, never a misleading 0.0000. */
const formatUsd = (value) => (value === 0 || value >= 0.01 ? value.toFixed(4) : value.toPrecision(2));

// EXTERNAL MODULE: ./src/core/sanitize.ts
var sanitize = __webpack_require__(9528);
;// CONCATENATED MODULE: ./src/cli/console.ts


function columns(rows) {
    const widths = rows[0]?.map((_, index) => Math.max(...rows.map((row) => (row[index] ?? '').length))) ?? [];
    return rows
        .map((row) => row
        .map((cell, index) => cell.padEnd(widths[index] ?? 0))
        .join('  ')
        .trimEnd())
        .join('\n');
}
function instanceLines(instances) {
    if (instances.length === 0)
        return 'no instances\n';
    const rows = [['INSTANCE', 'AZ', 'TYPE', 'MARKET', 'PUBLIC IP', 'STATE', 'BOOTSTRAP', '$/H']];
    for (const instance of instances) {
        rows.push([
            instance.id,
            instance.az,
            instance.type,
            instance.lifecycle,
            instance.public_ip ?? '-',
            instance.state,
            instance.bootstrap + (instance.failed_step ? ` (${instance.failed_step})` : ''),
            instance.price === undefined ? '-' : formatUsd(instance.price),
        ]);
    }
    return `${columns(rows)}\n`;
}
const renderConsole = (outcome) => (0,sanitize/* sanitizeForTerminal */.dk)(consoleText(outcome));
function consoleText(outcome) {
    switch (outcome.command) {
        case 'validate':
            return `${outcome.plan.sourceFiles.join(', ')}: valid${outcome.warnings.length > 0 ? ` (${outcome.warnings.length} warning(s))` : ''}\n`;
        case 'plan': {
            const { result } = outcome;
            const regions = result.regions
                .map((region) => `  ${region.name}: ${region.count} × ${region.instanceTypes.join(' | ')} (${region.image})`)
                .join('\n');
            const files = result.files
                .map((file) => `  ${file.mode} ${String(file.size).padStart(9)}  ${file.path}${file.secret ? '  (secret)' : ''}`)
                .join('\n');
            return `deployment ${result.deploymentId} (${result.market})\nregions:\n${regions}\nbundle: ${result.bundle.bytes} bytes, ${result.bundle.files} files, sha256 ${result.bundle.sha256}\nfiles:\n${files}\nuser-data: ${result.userDataBytes} bytes\n${result.estimatedCostPerHour === undefined ? '' : `estimated cost: $${result.estimatedCostPerHour}/h\n`}${result.notices.map((notice) => `notice: ${notice}\n`).join('')}`;
        }
        case 'status':
            return `deployment ${outcome.result.deploymentId}\n${instanceLines(outcome.result.instances)}`;
        case 'sweep': {
            const swept = outcome.result.swept.map((entry) => `swept ${entry.deploymentId}: ${entry.reason} (${entry.destroyed.terminated.length} instance(s))\n`);
            return `${outcome.result.seen.length} deployment(s) found, ${outcome.result.swept.length} swept\n${swept.join('')}`;
        }
        case 'destroy':
            return `deployment ${outcome.result.deploymentId}: terminated ${outcome.result.terminated.length} instance(s), ${outcome.result.securityGroups.length} security group(s), ${outcome.result.launchTemplates.length} launch template(s), ${outcome.result.objectsDeleted} S3 object(s)\n`;
        case 'deploy': {
            const { result } = outcome;
            const head = result.dryRun
                ? `dry run of ${result.deploymentId}: nothing launched`
                : `deployment ${result.deploymentId}: ${result.status}${result.unchanged ? ' (unchanged)' : ''}`;
            const failures = result.failures
                .map((failure) => `\n${failure.id}: bootstrap failed at ${failure.failedStep}; end of its log:\n${failure.logTail.trimEnd()}\n`)
                .join('');
            const errors = result.errors
                .map((error) => `${error.code} ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}\n`)
                .join('');
            return `${head}\n${instanceLines(result.instances)}bundle ${result.bundle.key} (${result.bundle.bytes} bytes, ${result.bundle.files} files, ${result.bundle.uploadedBytes} uploaded)\nuser-data ${result.userDataBytes} bytes\n${failures}${errors}`;
        }
    }
}
/** `logs`: each instance's last log lines under a header line. */
const renderLogs = (result) => (0,sanitize/* sanitizeForTerminal */.dk)(logsText(result));
function logsText(result) {
    if (result.logs.length === 0)
        return `deployment ${result.deploymentId}: no instances\n`;
    return result.logs
        .map((log) => {
        const head = `== ${log.id} (${log.region}, ${log.state}) bootstrap ${log.bootstrap}${log.failedStep ? ` at ${log.failedStep}` : ''}${log.finishedAt ? `, ${log.finishedAt}` : ''}`;
        const body = log.logTail.trimEnd() || '(the agent has not reported yet; its full log is /var/log/spot-deployer.log on the instance)';
        return `${head}\n${body}\n`;
    })
        .join('\n');
}

// EXTERNAL MODULE: ./src/core/surface.ts
var surface = __webpack_require__(68);
// EXTERNAL MODULE: ./src/core/clock-text.ts
var clock_text = __webpack_require__(2145);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/cli/colors.ts
/**
 * Colours on a terminal, never in a pipe or a log file. NO_COLOR
 * (https://no-color.org) turns them off, FORCE_COLOR turns them on even
 * without a terminal; node:util's styleText writes the escape codes.
 */

/** Whether to colour a stream: NO_COLOR wins, then FORCE_COLOR, then "is it a terminal (and not a dumb one)". */
function colorsWanted(env, tty) {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '')
        return false;
    if (env.FORCE_COLOR !== undefined)
        return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
    return tty && env.TERM !== 'dumb';
}
function paint(enabled) {
    // validateStream: false because the decision above was made for the stream the text goes to.
    const style = (format) => (text) => (enabled ? (0,external_node_util_.styleText)(format, text, { validateStream: false }) : text);
    return { enabled, error: style('red'), warn: style('yellow'), ok: style('green'), dim: style('dim'), bold: style('bold') };
}
/** Colours an error block as formatError writes it: the code in red, hint lines dimmed. */
function paintError(text, colors) {
    if (!colors.enabled)
        return text;
    return text
        .split('\n')
        .map((line) => (/^\s+hint:/.test(line) ? colors.dim(line) : line.replace(/\bSD\d{3}\b/g, (code) => colors.error(code))))
        .join('\n');
}

;// CONCATENATED MODULE: ./src/cli/progress.ts
/**
 * The CLI's Surface. On a terminal each phase shows as one line that ends
 * with its time, and repeated progress (the bootstrap wait) rewrites a single
 * status line with the time spent so far; elsewhere (CI logs, pipes) every
 * message is a plain line. Colours only when the caller says so.
 */



const localEndpointNote = (endpoint, forSecrets) => forSecrets
    ? `note: AWS_ENDPOINT_URL is set (${endpoint}); the instances of a local AWS endpoint never boot, so none will ask for its secrets (the project has secrets or env: values, which only the deploy can hand over), and this wait ends at its timeout.`
    : `note: AWS_ENDPOINT_URL is set (${endpoint}); the instances of a local AWS endpoint never boot, so no bootstrap will report and this wait ends at its timeout. Deploy with --wait running to stop once they run.`;
function progressSurface(options) {
    const now = options.now ?? (() => Date.now());
    const colors = options.colors ?? paint(false);
    let statusLine = false;
    let waitStarted;
    const endStatusLine = () => {
        if (statusLine)
            options.write('\n');
        statusLine = false;
    };
    const line = (text) => {
        endStatusLine();
        options.write(`${text}\n`);
    };
    const waitLine = (message) => {
        if (waitStarted === undefined) {
            waitStarted = now();
            if (options.localEndpoint)
                line(colors.warn(localEndpointNote(options.localEndpoint, message.startsWith(surface/* WAITING_FOR_SECRETS */.w))));
        }
        const text = `${message} (${(0,clock_text/* clockText */.Y)(now() - waitStarted)} elapsed)`;
        if (options.tty) {
            // \r + erase-line: the wait updates one line instead of scrolling the terminal.
            options.write(`\r\u001b[2K  ${text}`);
            statusLine = true;
        }
        else
            line(text);
    };
    const announced = new Set();
    return {
        info: (message) => (message.startsWith('waiting for') ? waitLine(message) : line(message)),
        warn: (message) => line(colors.warn(`warning: ${message}`)),
        debug: (message) => (options.debug ? line(colors.dim(`debug: ${message}`)) : undefined),
        // Nothing to mask in a terminal the user owns; the URLs are never printed anyway.
        mask: () => undefined,
        group: async (title, work) => {
            const started = now();
            line(colors.bold(`▶ ${title}`));
            try {
                return await work();
            }
            finally {
                if (options.tty)
                    line(`${colors.ok('✓')} ${title} (${((now() - started) / 1000).toFixed(1)} s)`);
            }
        },
        // Outputs are republished after every launch call and every replacement; the terminal hears each instance once.
        instancesLaunched: (early) => {
            // Only what this run launched: an unchanged deploy republishes the instances it keeps.
            const fresh = early.launchedIds.filter((id) => !announced.has(id));
            for (const id of fresh)
                announced.add(id);
            if (fresh.length > 0)
                line(`launched: ${fresh.join(', ')}`);
        },
    };
}

// EXTERNAL MODULE: ./src/core/abort-cleanups.ts
var abort_cleanups = __webpack_require__(1207);
;// CONCATENATED MODULE: ./src/cli/signals.ts
/**
 * Ctrl-C and SIGTERM (a CI runner cancelling the job) in the terminal: the
 * CLI's counterpart of the action's post step. The run's instances — known
 * after each launch call through the Surface — are terminated unless
 * `--cleanup-on-failure false`; the temporary folders (the bundle's holds the
 * project's secrets) and the deployment lock go; the exit code is the
 * shell's 128 + signal number: 130 for SIGINT, 143 for SIGTERM. A second
 * signal while this runs exits at once.
 */

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 };
function guardSignals(options) {
    const exit = options.exit ?? ((code) => process.exit(code));
    const launched = new Map();
    const surface = {
        ...options.surface,
        instancesLaunched: (early) => {
            for (const instance of early.instances) {
                if (early.launchedIds.includes(instance.id))
                    launched.set(instance.id, { id: instance.id, region: instance.region });
            }
            options.surface.instancesLaunched(early);
        },
    };
    let stopping = false;
    const stop = async (signal) => {
        options.stderr(`\n${signal}: stopping\n`);
        const instances = [...launched.values()];
        if (instances.length > 0 && !options.cleanupOnFailure) {
            options.stderr(`left running (--cleanup-on-failure false): ${instances.map((instance) => instance.id).join(', ')}\n`);
        }
        else if (instances.length > 0) {
            // Loaded only when a signal came: offline commands never load the AWS SDK.
            const [{ ClientPool }, { terminateAll }] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(290), __webpack_require__.e(201)]).then(__webpack_require__.bind(__webpack_require__, 201)), Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(689)]).then(__webpack_require__.bind(__webpack_require__, 5689))]);
            const pool = new ClientPool(options.env);
            try {
                await terminateAll(pool, instances);
                options.stderr(`terminated what this run launched: ${instances.map((instance) => instance.id).join(', ')}\n`);
            }
            catch (error) {
                options.stderr(`could not terminate ${instances.map((instance) => instance.id).join(', ')}: ${String(error)}\n`);
            }
            finally {
                pool.destroy();
            }
        }
        for (const failure of await (0,abort_cleanups/* runAbortCleanups */.J)())
            options.stderr(`cleanup: ${failure}\n`);
        exit(SIGNAL_EXIT[signal]);
    };
    const handler = (signal) => {
        if (stopping)
            return exit(SIGNAL_EXIT[signal]);
        stopping = true;
        void stop(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return {
        surface,
        release() {
            process.off('SIGINT', handler);
            process.off('SIGTERM', handler);
        },
    };
}

// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
;// CONCATENATED MODULE: ./src/core/git-facts.ts
/**
 * The three facts the run context takes from git outside Actions (the
 * `origin` URL, the branch HEAD names, the commit), read from the files in
 * `.git` when their shape is the plain one: three `git` processes cost about
 * as much as the rest of `validate`. Anything less plain (an `[include]`, a
 * `url.*.insteadOf`, a ref that is neither loose nor packed) goes to `git`
 * itself, so the answer is always git's.
 */



const NONE = { originUrl: '', ref: '', commit: '' };
// Loaded only when a repository is not of the plain shape: every command would pay for node:child_process at start.
const childProcess = () => (0,external_node_module_.createRequire)(import.meta.url)('node:child_process');
function git(cwd, args) {
    try {
        return childProcess()
            .execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
            .trim();
    }
    catch {
        return '';
    }
}
function askGit(cwd) {
    return {
        originUrl: git(cwd, ['config', '--get', 'remote.origin.url']),
        ref: git(cwd, ['symbolic-ref', '-q', 'HEAD']),
        commit: git(cwd, ['rev-parse', '-q', '--verify', 'HEAD']),
    };
}
const read = (file) => {
    try {
        return (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch {
        return undefined;
    }
};
/** The git dir and the common dir (they differ in a linked worktree) of the repository holding `cwd`. */
function findGitDirs(cwd) {
    for (let dir = (0,external_node_path_.resolve)(cwd);; dir = (0,external_node_path_.dirname)(dir)) {
        const dotGit = (0,external_node_path_.join)(dir, '.git');
        if ((0,external_node_fs_.existsSync)(dotGit)) {
            const pointer = (0,external_node_fs_.statSync)(dotGit).isFile() ? /^gitdir: (.+)$/m.exec(read(dotGit) ?? '')?.[1] : undefined;
            const gitDir = pointer ? (0,external_node_path_.resolve)(dir, pointer.trim()) : dotGit;
            const common = read((0,external_node_path_.join)(gitDir, 'commondir'))?.trim();
            return { gitDir, commonDir: common ? (0,external_node_path_.resolve)(gitDir, common) : gitDir };
        }
        if ((0,external_node_path_.dirname)(dir) === dir)
            return undefined;
    }
}
/** `remote.origin.url` from a config with no includes or URL rewriting; undefined when git must answer. */
function originFrom(config) {
    if (/^\s*\[(include|includeIf)\b/im.test(config) || /insteadOf\s*=/i.test(config))
        return undefined;
    const section = /^\s*\[remote\s+"origin"\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/im.exec(config)?.[1];
    if (section === undefined)
        return '';
    return /^\s*url\s*=\s*(.+?)\s*$/im.exec(section)?.[1] ?? '';
}
function commitOf(dirs, ref) {
    const loose = read((0,external_node_path_.join)(dirs.commonDir, ref))?.trim() ?? read((0,external_node_path_.join)(dirs.gitDir, ref))?.trim();
    if (loose && /^[0-9a-f]{40,64}$/.test(loose))
        return loose;
    const packed = read((0,external_node_path_.join)(dirs.commonDir, 'packed-refs')) ?? '';
    const line = packed.split('\n').find((candidate) => candidate.endsWith(` ${ref}`));
    if (line)
        return line.split(' ')[0];
    // A branch with no commit yet has no ref at all; a symbolic ref in a loose file is git's to follow.
    return loose === undefined && !packed.includes(ref) ? '' : undefined;
}
function readGitFacts(cwd) {
    const dirs = findGitDirs(cwd);
    if (!dirs)
        return NONE;
    const head = read((0,external_node_path_.join)(dirs.gitDir, 'HEAD'))?.trim();
    const config = read((0,external_node_path_.join)(dirs.commonDir, 'config'));
    if (head === undefined || config === undefined)
        return askGit(cwd);
    const originUrl = originFrom(config);
    const symbolic = /^ref: (refs\/\S+)$/.exec(head)?.[1];
    const ref = symbolic ?? '';
    const commit = symbolic ? commitOf(dirs, symbolic) : /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
    if (originUrl === undefined || commit === undefined)
        return askGit(cwd);
    return { originUrl, ref, commit };
}

;// CONCATENATED MODULE: ./src/core/run-context.ts
/**
 * Where this run comes from, read once for the action and the CLI alike.
 * Inside Actions it comes from the standard `GITHUB_*` variables and the
 * event file; outside it, from git (the `origin` remote and HEAD). The Plan
 * derives the deployment's name and every tag from this one value, so a CLI
 * run in a pull-request job names and tags exactly as the action does.
 * Never touches `@actions/github`, whose context throws without a repository.
 */


function readEvent(path) {
    if (!path)
        return {};
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        return {};
    }
}
/** `owner/repo` from the usual remote URL shapes (ssh, https, with or without `.git`). */
function repositoryFromRemote(url) {
    const match = /[/:]([^/:\s]+\/[^/\s]+?)(?:\.git)?\/?$/.exec(url.trim());
    return match?.[1] ?? '';
}
function fromGit(cwd) {
    const facts = readGitFacts(cwd);
    return { repository: repositoryFromRemote(facts.originUrl), ref: facts.ref, commit: facts.commit };
}
function readRunContext(options = {}) {
    const env = options.env ?? process.env;
    const inActions = env.GITHUB_ACTIONS === 'true';
    const event = readEvent(env.GITHUB_EVENT_PATH);
    const isPullRequest = /^pull_request/.test(env.GITHUB_EVENT_NAME ?? '');
    // Only a run in Actions may take its facts from GITHUB_*: a stray variable in a terminal must not rename a deployment.
    const local = inActions ? { repository: '', ref: '', commit: '' } : fromGit(options.cwd ?? process.cwd());
    const repository = options.repository || (inActions ? (env.GITHUB_REPOSITORY ?? '') : local.repository);
    const pullRequest = isPullRequest ? (event.pull_request?.number ?? event.number) : undefined;
    const headRepo = event.pull_request?.head?.repo?.full_name;
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    return {
        inActions,
        repository,
        ref: inActions ? (env.GITHUB_REF ?? '') : local.ref,
        commit: (isPullRequest ? event.pull_request?.head?.sha : undefined) ?? (inActions ? (env.GITHUB_SHA ?? '') : local.commit),
        ...(pullRequest === undefined ? {} : { pullRequest }),
        ...(env.GITHUB_EVENT_NAME ? { eventName: env.GITHUB_EVENT_NAME } : {}),
        ...(event.action ? { eventAction: event.action } : {}),
        runId: env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}` : `local-${(options.now ?? new Date()).getTime()}`,
        ...(env.GITHUB_ACTOR ? { actor: env.GITHUB_ACTOR } : {}),
        ...(env.GITHUB_RUN_ID && repository ? { runUrl: `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
        serverUrl: server,
        fromFork: Boolean(isPullRequest && headRepo && repository && headRepo !== repository),
    };
}

// EXTERNAL MODULE: ./src/config/did-you-mean.ts
var did_you_mean = __webpack_require__(9255);
;// CONCATENATED MODULE: ./src/cli/flags.ts
const CLI_COMMANDS = ['validate', 'plan', 'deploy', 'status', 'logs', 'destroy', 'sweep', 'init'];
const CLI_ALIASES = { create: 'deploy', list: 'status' };
/** Commands that read a project and its config (every one but init builds the plan). */
const PROJECT = ['validate', 'plan', 'deploy', 'status', 'logs', 'destroy', 'sweep'];
const SHAPING = ['validate', 'plan', 'deploy'];
const FLAGS = [
    { name: 'dir', type: 'string', input: 'working-directory', value: 'DIR', help: 'the project folder (default: the current one)' },
    {
        name: 'working-directory',
        type: 'string',
        input: 'working-directory',
        value: 'DIR',
        help: 'the same as --dir, under the action input name',
    },
    { name: 'config', type: 'string', input: 'config', value: 'FILE', help: 'config file inside the project', commands: PROJECT },
    {
        name: 'deployment-name',
        type: 'string',
        input: 'deployment-name',
        value: 'NAME',
        help: 'deployment name (overrides name and the -pr-<n> naming)',
        commands: PROJECT,
    },
    { name: 'regions', type: 'string', input: 'regions', value: 'LIST', help: 'regions, comma-separated', commands: PROJECT },
    { name: 'bucket', type: 'string', input: 'bucket', value: 'NAME', help: 'S3 bucket for bundles and status objects' },
    { name: 'instances', type: 'string', input: 'instances', value: 'N', help: 'total instance count', commands: SHAPING },
    {
        name: 'instance-types',
        type: 'string',
        input: 'instance-types',
        value: 'LIST',
        help: 'capacity ladder, e.g. t3.small,t3a.small',
        commands: SHAPING,
    },
    { name: 'wait', type: 'string', input: 'wait', value: 'MODE', help: 'none | running | ready', commands: SHAPING },
    {
        name: 'ready-timeout-minutes',
        type: 'string',
        input: 'ready-timeout-minutes',
        value: 'N',
        help: 'minutes to wait for ready (overrides ready_timeout)',
        commands: SHAPING,
        deprecated: 'timeout-minutes',
    },
    { name: 'ttl', type: 'string', input: 'ttl', value: 'DURATION', help: 'dead-man switch: 8h, 3d or never', commands: SHAPING },
    { name: 'tags', type: 'string', input: 'tags', value: 'K=V,…', help: 'extra tags for every resource', commands: SHAPING },
    {
        name: 'dry-run',
        type: 'boolean',
        input: 'dry-run',
        help: 'build bundle and user-data, launch nothing',
        commands: ['deploy'],
    },
    {
        name: 'cleanup-on-failure',
        type: 'string',
        input: 'cleanup-on-failure',
        value: 'true|false',
        help: 'terminate what a failed deploy launched (default true)',
        commands: ['deploy'],
    },
    {
        name: 'allow-fork-pull-request-target',
        type: 'string',
        input: 'allow-fork-pull-request-target',
        value: 'true|false',
        help: "deploy a fork's code in a pull_request_target job (dangerous: docs/security.md)",
        commands: ['deploy'],
    },
    {
        name: 'github-token',
        type: 'string',
        input: 'github-token',
        value: 'TOKEN',
        help: 'lets sweep see closed pull requests (default: $GITHUB_TOKEN)',
        commands: ['sweep'],
    },
    {
        name: 'user-data-out',
        type: 'string',
        value: 'FILE',
        help: 'write the rendered user-data (placeholder URLs) to FILE',
        commands: ['plan'],
    },
    { name: 'instance', type: 'string', value: 'ID', help: 'only this instance', commands: ['logs'] },
    { name: 'yes', type: 'boolean', short: 'y', help: 'confirm a destructive command outside CI', commands: ['destroy'] },
    { name: 'force', type: 'boolean', help: 'overwrite files that exist', commands: ['init'] },
    {
        name: 'repository',
        type: 'string',
        value: 'OWNER/REPO',
        help: 'owner of the resources (default: GITHUB_REPOSITORY, else git remote origin)',
        commands: PROJECT,
    },
    { name: 'json', type: 'boolean', help: 'machine output on stdout (errors too)' },
    { name: 'debug', type: 'boolean', help: 'debug lines and stack traces' },
    { name: 'help', type: 'boolean', short: 'h', help: 'this help' },
    { name: 'version', type: 'boolean', short: 'v', help: 'print the version' },
];
/** Action inputs with no flag, and why: the CLI says so instead of "unknown flag". */
const ACTION_ONLY = {
    'pr-comment': 'the PR comment is posted by the action only; a terminal run has no pull request to comment on',
    environment: 'GitHub deployments (the environment input) are recorded by the action only',
    command: 'the command is the first word: spot-deployer deploy',
};
function flagSpec(name) {
    return FLAGS.find((flag) => flag.name === name || flag.deprecated === name);
}
const takesFlag = (flag, command) => !flag.commands || flag.commands.includes(command);
/** node:util parseArgs options, deprecated spellings included. */
function parseArgsOptions() {
    const options = {};
    for (const flag of FLAGS) {
        options[flag.name] = flag.short ? { type: flag.type, short: flag.short } : { type: flag.type };
        if (flag.deprecated)
            options[flag.deprecated] = { type: flag.type };
    }
    return options;
}

;// CONCATENATED MODULE: ./src/cli/args.ts
/**
 * Reads argv into a command, flag values and positionals. node:util's
 * parseArgs tokenises (non-strict, so that an unknown flag comes back as a
 * token); this file turns every mistake into a UsageError with a "did you
 * mean" where one is close, instead of Node's own wording.
 */




/** A cheap look at argv for `--json`, so that even a parse error can be printed as JSON. */
const wantsJson = (argv) => argv.includes('--json');
function args_parseCommand(word) {
    const name = word.toLowerCase();
    const command = CLI_ALIASES[name] ?? CLI_COMMANDS.find((candidate) => candidate === name);
    if (command)
        return command;
    const guess = (0,did_you_mean/* didYouMean */.a)(name, [...CLI_COMMANDS, ...Object.keys(CLI_ALIASES)]);
    throw new core_errors/* UsageError */.eb(`unknown command "${word}"${guess ? `; did you mean "${guess}"?` : ''}`, `Commands: ${CLI_COMMANDS.join(', ')}. Run spot-deployer --help.`);
}
function checkOption(token, command) {
    const name = token.name;
    const raw = token.rawName ?? `--${name}`;
    const spec = flagSpec(name) ?? FLAGS.find((flag) => flag.short === name);
    if (!spec) {
        if (ACTION_ONLY[name])
            throw new core_errors/* UsageError */.eb(`${raw} is not a CLI flag: ${ACTION_ONLY[name]}`, 'Run spot-deployer --help for the flags.');
        const guess = (0,did_you_mean/* didYouMean */.a)(name, FLAGS.map((flag) => flag.name));
        throw new core_errors/* UsageError */.eb(`unknown flag ${raw}${guess ? `; did you mean --${guess}?` : ''}`, `Run spot-deployer ${command ? `${command} ` : ''}--help for the flags${command ? ' of this command' : ''}.`);
    }
    if (spec.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('--')))) {
        throw new core_errors/* UsageError */.eb(`${raw} needs a value`, `Write ${raw} ${spec.value ?? 'VALUE'}.`);
    }
    if (spec.type === 'boolean' && token.inlineValue) {
        throw new core_errors/* UsageError */.eb(`${raw} takes no value`, `Write ${raw} alone.`);
    }
    if (command && spec.name !== 'help' && !takesFlag(spec, command)) {
        throw new core_errors/* UsageError */.eb(`--${spec.name} does not apply to ${command}`, `Run spot-deployer ${command} --help for its flags.`);
    }
}
/** Parses argv; every mistake is a UsageError (exit 2). */
function parseCliArgs(argv) {
    const { values, tokens } = (0,external_node_util_.parseArgs)({
        args: [...argv],
        allowPositionals: true,
        strict: false,
        tokens: true,
        options: parseArgsOptions(),
    });
    const positionals = tokens.filter((token) => token.kind === 'positional').map((token) => token.value);
    let words = positionals;
    // `spot-deployer help deploy` reads like `spot-deployer deploy --help`.
    const asksHelp = words[0] === 'help';
    if (asksHelp)
        words = words.slice(1);
    const command = words[0] === undefined ? undefined : args_parseCommand(words[0]);
    const deprecated = [];
    for (const token of tokens) {
        if (token.kind !== 'option')
            continue;
        checkOption(token, command);
        const spec = flagSpec(token.name);
        if (spec?.deprecated === token.name)
            deprecated.push({ used: `--${token.name}`, instead: `--${spec.name}` });
    }
    const rest = words.slice(1);
    if (rest.length > (command === 'logs' ? 1 : 0)) {
        throw new core_errors/* UsageError */.eb(`unexpected argument "${rest[command === 'logs' ? 1 : 0]}"`, `Run spot-deployer ${command ?? ''} --help.`);
    }
    const flagValues = { ...values };
    for (const flag of FLAGS)
        if (flag.short && flagValues[flag.short] !== undefined)
            flagValues[flag.name] = flagValues[flag.short];
    if (asksHelp)
        flagValues.help = true;
    return { ...(command ? { command } : {}), rest, values: flagValues, deprecated };
}

;// CONCATENATED MODULE: ./src/cli/help.ts
/**
 * The help pages: `spot-deployer --help` lists the commands, `spot-deployer
 * <command> --help` that command's flags. Both come from the flag table, so
 * a flag cannot exist without its line here.
 */


const EXIT = { ok: 0, failure: 1, usage: 2, partial: 3, interrupted: 130, terminated: 143 };
const SUMMARIES = {
    validate: 'check .spot/ (or deployment/) offline; every problem as file:line:col',
    plan: 'show what would run where: files, sizes, instances per region, $/h',
    deploy: 'build, upload, launch and wait (alias: create)',
    status: "the deployment's instances, IPs and bootstrap status (alias: list)",
    logs: "the end of an instance's bootstrap log, as its agent reported it",
    destroy: 'remove everything the deployment owns (--yes outside CI)',
    sweep: 'destroy deployments past their ttl and previews of closed pull requests',
    init: 'scaffold .spot/ and workflows from what deployment/ holds',
};
const EXIT_LINES = `exit codes:
  0    success
  1    failure (configuration, AWS, bootstrap)
  2    usage error: unknown command or flag, bad flag value
  3    partial success: some regions or instances failed
  130  interrupted (Ctrl-C, SIGINT)
  143  terminated (SIGTERM)`;
function flagLines(command) {
    const rows = FLAGS.filter((flag) => (command ? takesFlag(flag, command) : !flag.commands))
        .filter((flag) => flag.name !== 'working-directory')
        .map((flag) => [
        `  ${flag.short ? `-${flag.short}, ` : ''}--${flag.name}${flag.value ? ` ${flag.value}` : ''}`,
        flag.help + (flag.name === 'dir' ? ' (also --working-directory)' : ''),
    ]);
    return columns(rows);
}
function mainHelp() {
    const commands = columns(CLI_COMMANDS.map((command) => [`  ${command}`, SUMMARIES[command]]));
    return `usage: spot-deployer <command> [flags]

commands:
${commands}

flags every command takes:
${flagLines(undefined)}

Run spot-deployer <command> --help for that command's flags.
Flags carry the action's input names; pr-comment and environment exist only in the action.

${EXIT_LINES}
`;
}
function commandHelp(command) {
    const usage = command === 'logs' ? 'spot-deployer logs [INSTANCE-ID] [flags]' : `spot-deployer ${command} [flags]`;
    return `usage: ${usage}

${SUMMARIES[command]}

flags:
${flagLines(command)}

${EXIT_LINES}
`;
}

;// CONCATENATED MODULE: ./src/cli/json.ts
/**
 * What `--json` prints on stdout: results and errors alike, every key in
 * camelCase. The action's `instances` output keeps SPEC §4's snake_case
 * shape (`public_ip`, …); the CLI maps it here, at its edge, so core/ keeps
 * one shape (see docs/decisions.md).
 */


function instanceJson(instance) {
    const { public_ip, private_ip, failed_step, launched_at, ...rest } = instance;
    return {
        ...rest,
        ...(public_ip === undefined ? {} : { publicIp: public_ip }),
        ...(private_ip === undefined ? {} : { privateIp: private_ip }),
        ...(failed_step === undefined ? {} : { failedStep: failed_step }),
        ...(launched_at === undefined ? {} : { launchedAt: launched_at }),
    };
}
/** An error as `--json` shows it: code, message, hint, and where when known. */
function errorJson(error) {
    if (!(error instanceof core_errors/* SpotError */.Pl)) {
        const message = error instanceof Error ? error.message : String(error);
        return errorJson(new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.bug, `unexpected error: ${message}`));
    }
    const position = error.position;
    return {
        ok: false,
        code: error.code,
        message: error.message,
        hint: error.hint,
        ...(position?.file ? { file: position.file } : {}),
        ...(position?.line ? { line: position.line } : {}),
        ...(position?.column ? { column: position.column } : {}),
        ...(error.key ? { key: error.key } : {}),
        ...(error instanceof core_errors/* ConfigError */.xL ? { issues: error.issues } : {}),
    };
}
/** A command's result, ready for JSON.stringify. */
function resultJson(outcome) {
    switch (outcome.command) {
        case 'validate':
            return { ok: true, warnings: outcome.warnings };
        case 'plan':
        case 'destroy':
        case 'sweep':
            return outcome.result;
        case 'status':
            return { ...outcome.result, instances: outcome.result.instances.map(instanceJson) };
        case 'deploy': {
            const { result } = outcome;
            const errors = result.errors.map((error) => {
                const { ok: _ok, ...rest } = errorJson(error);
                return rest;
            });
            return { ...result, instances: result.instances.map(instanceJson), errors };
        }
    }
}
const jsonText = (value) => `${JSON.stringify(value, null, 2)}\n`;

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/cli/version.ts
/**
 * The version `--version` prints: read from the package's own package.json,
 * two levels up from src/cli/ and from dist/cli/ alike. The path is computed
 * at run time so ncc leaves it alone instead of bundling a copy.
 */



function packageVersion() {
    const here = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    for (const up of ['../..', '..']) {
        // A template string, not resolve(…, 'package.json'): ncc would rewrite the latter into a build-time path.
        const file = `${(0,external_node_path_.resolve)(here, up)}${external_node_path_.sep}package.json`;
        if (!(0,external_node_fs_.existsSync)(file))
            continue;
        const json = JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
        if (json.name === 'spot-deployer' && json.version)
            return json.version;
    }
    return 'unknown';
}

;// CONCATENATED MODULE: ./src/cli/cli.ts
/**
 * The terminal entry: `spot-deployer <command> [flags]`. Flags carry the
 * action's input names and go through the same option parser; the flag
 * table (flags.ts) drives parsing and help. Exit codes: 0 success, 1
 * failure, 2 usage error, 3 partial, 130/143 interrupted (help.ts).
 */



















const defaultIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    tty: Boolean(process.stderr.isTTY),
};
/** The flags that are action inputs, as the raw strings the shared parser reads. */
function rawInputs(command, values) {
    // logs reads a project like status does; the shared parser knows the action's commands only.
    const raw = { command: command === 'logs' ? 'status' : command };
    for (const flag of FLAGS) {
        if (!flag.input)
            continue;
        for (const [name, input] of [[flag.name, flag.input], ...(flag.deprecated ? [[flag.deprecated, flag.deprecated]] : [])]) {
            const value = values[name];
            if (typeof value === 'string')
                raw[input] = value;
            else if (value === true)
                raw[input] = 'true';
        }
    }
    return raw;
}
/**
 * The terminal's counterpart of the action's post step: a deploy that did not
 * succeed leaves nothing running unless `--cleanup-on-failure false` says so.
 * Its failures and log tails are printed either way.
 */
async function cleanUpFailedDeploy(result, cleanupOnFailure, io) {
    if (result.status === 'success' || result.dryRun || result.unchanged)
        return;
    const launched = result.instances.filter((instance) => instance.bootstrap !== 'reclaimed');
    if (launched.length === 0)
        return;
    if (!cleanupOnFailure) {
        io.stderr(`left running for inspection (--cleanup-on-failure false): ${launched.map((instance) => instance.id).join(', ')}\n`);
        return;
    }
    // Loaded here, not at start: the offline commands never load the AWS SDK.
    const [{ ClientPool }, { terminateAll }] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(290), __webpack_require__.e(201)]).then(__webpack_require__.bind(__webpack_require__, 201)), Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(689)]).then(__webpack_require__.bind(__webpack_require__, 5689))]);
    const pool = new ClientPool();
    try {
        await terminateAll(pool, launched);
        io.stderr(`the deploy did not succeed; terminated ${launched.map((instance) => instance.id).join(', ')} (keep them with --cleanup-on-failure false)\n`);
    }
    finally {
        pool.destroy();
    }
}
const exitFor = (outcome) => outcome.command === 'deploy' ? { success: EXIT.ok, partial: EXIT.partial, failed: EXIT.failure }[outcome.result.status] : EXIT.ok;
/** Bad flag values are usage errors (2) whether the option parser or the config checks caught them. */
function exitForError(error) {
    if (error instanceof core_errors/* UsageError */.eb)
        return EXIT.usage;
    if (error instanceof core_errors/* ConfigError */.xL) {
        const errors = error.issues.filter((issue) => issue.severity === 'error');
        if (errors.length > 0 && errors.every((issue) => issue.file === check_config/* INPUT_FILE */.o))
            return EXIT.usage;
    }
    return EXIT.failure;
}
async function runInitCommand({ io, args, options }) {
    const { written } = await runInit({
        dir: options.dir,
        force: Boolean(args.values.force),
        ...(options.overrides.bucket ? { bucket: options.overrides.bucket } : {}),
    });
    io.stdout(args.values.json ? jsonText({ written }) : `${written.map((file) => `wrote ${file}`).join('\n')}\nnext: spot-deployer validate\n`);
    return EXIT.ok;
}
async function runLogsCommand({ io, args, options }, run) {
    const instance = args.rest[0] ?? (typeof args.values.instance === 'string' ? args.values.instance : undefined);
    // Loaded on demand like every AWS command, so offline commands start fast.
    const { logsCommand } = await Promise.all(/* import() */[__webpack_require__.e(193), __webpack_require__.e(290), __webpack_require__.e(994), __webpack_require__.e(847), __webpack_require__.e(634), __webpack_require__.e(279)]).then(__webpack_require__.bind(__webpack_require__, 6279));
    const result = await logsCommand(options, instance, { run, env: io.env });
    io.stdout(args.values.json ? jsonText(result) : renderLogs(result));
    return EXIT.ok;
}
async function runProjectCommand(session) {
    const { io, args, options, colors } = session;
    const debug = Boolean(args.values.debug);
    const run = readRunContext({
        env: io.env,
        cwd: options.dir,
        ...(typeof args.values.repository === 'string' ? { repository: args.values.repository } : {}),
    });
    if (session.command === 'logs')
        return await runLogsCommand(session, run);
    if (options.command === 'destroy' && !args.values.yes && io.env.CI !== 'true') {
        throw new core_errors/* UsageError */.eb('destroy removes every instance of the deployment; confirm with --yes', 'Run again with --yes (CI runs need no flag).');
    }
    const flagToken = args.values['github-token'];
    const token = typeof flagToken === 'string' ? flagToken : io.env.GITHUB_TOKEN;
    const isPullRequestClosed = options.command === 'sweep' && token && run.repository
        ? (await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(611)]).then(__webpack_require__.bind(__webpack_require__, 6611))).pullRequestChecker(token, run.repository)
        : undefined;
    // SIGINT/SIGTERM during the command: terminate what this run launched, remove its temporary files, exit 130/143.
    const guard = guardSignals({
        surface: progressSurface({
            write: io.stderr,
            tty: Boolean(io.tty),
            debug,
            colors,
            ...(io.env.AWS_ENDPOINT_URL ? { localEndpoint: io.env.AWS_ENDPOINT_URL } : {}),
        }),
        cleanupOnFailure: options.cleanupOnFailure,
        env: io.env,
        stderr: io.stderr,
    });
    const outcome = await execute(options, {
        surface: guard.surface,
        run,
        env: io.env,
        ...(isPullRequestClosed ? { isPullRequestClosed } : {}),
    }).finally(() => guard.release());
    if (outcome.command === 'plan' && typeof args.values['user-data-out'] === 'string') {
        (0,external_node_fs_.writeFileSync)(args.values['user-data-out'], outcome.userDataText);
    }
    if (outcome.command === 'deploy')
        await cleanUpFailedDeploy(outcome.result, options.cleanupOnFailure, io);
    io.stdout(args.values.json ? jsonText(resultJson(outcome)) : renderConsole(outcome));
    return exitFor(outcome);
}
/**
 * The whole CLI: argv in, exit code out. Every error ends here, once: as
 * text on stderr, and with --json also as JSON on stdout.
 */
async function runCli(argv, io = defaultIo) {
    const json = wantsJson(argv);
    const colors = paint(!json && colorsWanted(io.env, Boolean(io.tty)));
    let debug = argv.includes('--debug');
    try {
        const args = parseCliArgs(argv);
        debug = Boolean(args.values.debug);
        if (args.values.version) {
            io.stdout(json ? jsonText({ version: packageVersion() }) : `spot-deployer ${packageVersion()}\n`);
            return EXIT.ok;
        }
        if (!args.command && !args.values.help && json) {
            throw new core_errors/* UsageError */.eb('no command given', 'Run spot-deployer --help for the commands.');
        }
        if (args.values.help || !args.command) {
            io.stdout(args.command ? commandHelp(args.command) : mainHelp());
            return args.values.help ? EXIT.ok : EXIT.usage;
        }
        const options = parseOptions(rawInputs(args.command, args.values));
        for (const { used, instead } of args.deprecated)
            io.stderr(colors.warn(`warning: ${used} is deprecated; use ${instead}\n`));
        const session = { io, args, command: args.command, options, colors };
        return args.command === 'init' ? await runInitCommand(session) : await runProjectCommand(session);
    }
    catch (error) {
        if (json)
            io.stdout(jsonText(errorJson(error)));
        io.stderr(`${paintError((0,sanitize/* sanitizeForTerminal */.dk)(formatError(error, debug)), colors)}\n`);
        return exitForError(error);
    }
}


/***/ }),

/***/ 8291:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ AWS_REGIONS)
/* harmony export */ });
// Generated by scripts/aws-regions.mjs from @aws-sdk/core partitions metadata; do not edit.
/** Every region name of every AWS partition the installed SDK knows. */
const AWS_REGIONS = [
    'af-south-1',
    'ap-east-1',
    'ap-east-2',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-northeast-3',
    'ap-south-1',
    'ap-south-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'ap-southeast-6',
    'ap-southeast-7',
    'ca-central-1',
    'ca-west-1',
    'cn-north-1',
    'cn-northwest-1',
    'eu-central-1',
    'eu-central-2',
    'eu-isoe-west-1',
    'eu-north-1',
    'eu-south-1',
    'eu-south-2',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'eusc-de-east-1',
    'il-central-1',
    'me-central-1',
    'me-south-1',
    'me-west-1',
    'mx-central-1',
    'sa-east-1',
    'sa-west-1',
    'us-east-1',
    'us-east-2',
    'us-gov-east-1',
    'us-gov-west-1',
    'us-iso-east-1',
    'us-iso-west-1',
    'us-isob-east-1',
    'us-isob-west-1',
    'us-isof-east-1',
    'us-isof-south-1',
    'us-west-1',
    'us-west-2',
];


/***/ }),

/***/ 8317:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ checkConfig),
/* harmony export */   o: () => (/* binding */ INPUT_FILE)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _aws_regions_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8291);
/* harmony import */ var _did_you_mean_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9255);
/* harmony import */ var _core_codes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7265);
/* harmony import */ var _config_schema_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(484);





/** Where an issue about an action input or CLI flag points: inputs have no file. */
const INPUT_FILE = '(input)';
const INPUT_CODES = {
    regions: _core_codes_js__WEBPACK_IMPORTED_MODULE_2__/* .CODE */ .Sq.badRegion,
    'instance-types': _core_codes_js__WEBPACK_IMPORTED_MODULE_2__/* .CODE */ .Sq.badInstanceType,
};
/** Checks of the config and the overrides beyond types; all offline. */
function checkConfig(check) {
    checkOverrides(check);
    checkRegionNames(check);
    checkSsh(check);
    checkAllocation(check);
    for (const [index, rule] of (check.config.network?.ingress ?? []).entries()) {
        const at = ['network', 'ingress', index, 'cidr'];
        if (checkCidr(rule.cidr, at, check) && rule.port === 22 && isWorld(rule.cidr)) {
            worldSsh(check, at);
        }
    }
}
/** `allocation` is the spot fleet's strategy: with only on-demand instances nothing would use it. */
function checkAllocation(check) {
    const { allocation, market } = check.config;
    if (allocation === undefined || market !== 'on-demand')
        return;
    check.issues.report(check.locator, ['allocation'], _core_codes_js__WEBPACK_IMPORTED_MODULE_2__/* .CODE */ .Sq.invalidValue, `allocation "${allocation}" does not apply to market: on-demand`, {
        hint: 'allocation chooses how spot capacity is spread over pools; on-demand follows the order of instance_types. Remove allocation, or use market: spot-then-on-demand',
    });
}
/** Names that look like regions but that no AWS partition has (the SDK's own list, src/config/aws-regions.ts). */
function checkRegionNames(check) {
    for (const [index, entry] of (check.config.regions ?? []).entries()) {
        const name = typeof entry === 'string' ? entry : entry.name;
        if (!_config_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .REGION_PATTERN */ .aY.test(name) || _aws_regions_js__WEBPACK_IMPORTED_MODULE_4__/* .AWS_REGIONS */ .m.includes(name))
            continue;
        const at = typeof entry === 'string' ? ['regions', index] : ['regions', index, 'name'];
        check.issues.report(check.locator, at, _core_codes_js__WEBPACK_IMPORTED_MODULE_2__/* .CODE */ .Sq.badRegion, `region "${name}" is not a region AWS has`, { hint: regionHint(name) });
    }
}
function regionHint(name) {
    const guess = (0,_did_you_mean_js__WEBPACK_IMPORTED_MODULE_1__/* .didYouMean */ .a)(name, _aws_regions_js__WEBPACK_IMPORTED_MODULE_4__/* .AWS_REGIONS */ .m);
    return guess === undefined ? 'see the list of region names in the AWS documentation, e.g. us-east-1' : `did you mean ${guess}?`;
}
function checkOverrides(check) {
    const input = (key, message, hint) => check.issues.add({
        code: INPUT_CODES[key] ?? _core_codes_js__WEBPACK_IMPORTED_MODULE_2__/* .CODE */ .Sq.invalidValue,
        file: INPUT_FILE,
        line: 1,
        column: 1,
        key,
        message,
        hint,
        severity: 'error',
    });
    for (const region of check.overrides.regions ?? []) {
        if (!_config_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .REGION_PATTERN */ .aY.test(region))
            input('regions', `"${region}" is not an AWS region name`, 'write region names like us-east-1, comma-separated');
        else if (!_aws_regions_js__WEBPACK_IMPORTED_MODULE_4__/* .AWS_REGIONS */ .m.includes(region))
            input('regions', `"${region}" is not a region AWS has`, regionHint(region));
    }
    for (const type of check.overrides.instanceTypes ?? []) {
        if (!_config_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .INSTANCE_TYPE_PATTERN */ .a1.test(type))
            input('instance-types', `"${type}" is not an instance type`, 'write types like t3.small, comma-separated');
    }
    const instances = check.overrides.instances;
    if (instances !== undefined && (!Number.isInteger(instances) || instances < 1)) {
        input('instances', `instances must be a whole number of at least 1, got ${instances}`, 'e.g. instances: 2');
    }
}
function checkSsh(check) {
    const ssh = check.config.ssh;
    if (ssh === undefined)
        return;
    const keys = [ssh.key_name, ssh.public_key, ssh.public_key_path].filter((value) => value !== undefined);
    if (keys.length !== 1) {
        check.issues.report(check.locator, ['ssh'], keys.length === 0 ? _core_codes_js__WEBPACK_IMPORTED_MODULE_2__/* .CODE */ .Sq.missingValue : _core_codes_js__WEBPACK_IMPORTED_MODULE_2__/* .CODE */ .Sq.invalidValue, keys.length === 0
            ? 'ssh needs a key: key_name, public_key or public_key_path'
            : 'ssh takes only one of key_name, public_key and public_key_path', {
            hint: 'key_name: an EC2 key pair in every region; public_key(_path): a key installed for username',
        });
    }
    // One authorized_keys line, and a plain YAML 1.1 scalar in the user-data: printable ASCII only.
    if (ssh.public_key !== undefined && !/^[\x20-\x7e]+$/.test(ssh.public_key)) {
        check.issues.report(check.locator, ['ssh', 'public_key'], _core_codes_js__WEBPACK_IMPORTED_MODULE_2__/* .CODE */ .Sq.invalidValue, 'ssh.public_key must be one line of printable ASCII', {
            hint: 'paste the single line of your .pub file (e.g. ssh-ed25519 AAAA… me@laptop), with spaces, no tabs or line breaks',
        });
    }
    if (ssh.cidr === undefined)
        worldSsh(check, ['ssh'], 'ssh has no cidr, so port 22 is open to the whole internet (0.0.0.0/0)');
    else if (checkCidr(ssh.cidr, ['ssh', 'cidr'], check) && isWorld(ssh.cidr))
        worldSsh(check, ['ssh', 'cidr']);
}
const isWorld = (cidr) => cidr.endsWith('/0');
function worldSsh(check, at, message = 'port 22 is open to the whole internet') {
    check.issues.report(check.locator, at, _core_codes_js__WEBPACK_IMPORTED_MODULE_2__/* .CODE */ .Sq.openSsh, message, {
        severity: 'warning',
        hint: 'limit it to your address, e.g. cidr: 203.0.113.7/32',
    });
}
/** IPv4 or IPv6 CIDR; reports and returns false when it is not one. */
function checkCidr(cidr, at, check) {
    const [address = '', bits = '', ...rest] = cidr.split('/');
    const family = node_net__WEBPACK_IMPORTED_MODULE_0___default().isIPv4(address) ? 32 : node_net__WEBPACK_IMPORTED_MODULE_0___default().isIPv6(address) ? 128 : 0;
    const size = /^\d{1,3}$/.test(bits) ? Number(bits) : -1;
    if (rest.length === 0 && family > 0 && size >= 0 && size <= family)
        return true;
    check.issues.report(check.locator, at, _core_codes_js__WEBPACK_IMPORTED_MODULE_2__/* .CODE */ .Sq.badCidr, `"${cidr}" is not a CIDR block`, {
        hint: 'write an address and a prefix length, e.g. 203.0.113.0/24 or 0.0.0.0/0',
    });
    return false;
}


/***/ }),

/***/ 484:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mh: () => (/* binding */ PARSE_ONCE),
/* harmony export */   Qn: () => (/* binding */ configSchema),
/* harmony export */   a1: () => (/* binding */ INSTANCE_TYPE_PATTERN),
/* harmony export */   aY: () => (/* binding */ REGION_PATTERN)
/* harmony export */ });
/* unused harmony exports IMAGE_PATTERN, regionEntrySchema, ingressSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8816);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7840);


/**
 * How a config file is parsed: once per run, so zod's JIT (a parser compiled
 * with `new Function` per object shape, paid back over many parses) would
 * only add its compile time to every command's start (about 1 ms of a cold
 * `validate`, measured).
 */
const PARSE_ONCE = { jitless: true };
/**
 * `.spot/config.yaml`, version 1 (SPEC §2.1). Pure validation — no
 * transforms — so the same schema yields the editor's JSON Schema.
 * Defaults are applied when the Plan is built, not here.
 */
const REGION_PATTERN = /^[a-z]{2}(-gov)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-[1-9]$/;
const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
const IMAGE_PATTERN = /^(ubuntu-24\.04|ubuntu-22\.04|al2023|ami-[0-9a-f]{8,17}|ssm:\/.+)$/;
const duration = (what) => zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .DURATION_PATTERN */ .Cq, {
    error: `${what} must be a duration like 90s, 15m, 8h or 3d`,
});
const instanceType = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(INSTANCE_TYPE_PATTERN, {
    error: 'instance type must look like family.size, e.g. t3.small',
});
const region = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(REGION_PATTERN, {
    error: 'region must be an AWS region name like us-east-1',
});
const image = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(IMAGE_PATTERN, {
    error: 'image must be ubuntu-24.04, ubuntu-22.04, al2023, ami-… or ssm:/path',
});
const subnets = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('auto'), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^subnet-[0-9a-f]+$/)).min(1)]);
const regionEntrySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([
    region,
    zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        name: region,
        count: zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(0).optional(),
        instance_types: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(instanceType).min(1).optional(),
        image: image.optional(),
        subnets: subnets.optional(),
    }),
]);
const cidr = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP();
const ingressSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    port: zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(1).max(65535),
    cidr,
    protocol: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['tcp', 'udp']).optional(),
});
const configSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    $schema: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    version: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(1).optional(),
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    instances: zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(1).optional(),
    regions: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(regionEntrySchema).min(1).optional(),
    instance_types: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(instanceType).min(1).optional(),
    architecture: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['x86_64', 'arm64']).optional(),
    image: image.optional(),
    market: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['spot', 'on-demand', 'spot-then-on-demand']).optional(),
    max_price: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().positive().optional(),
    // EC2 Fleet's spot strategies (capacity-optimized-prioritized aside); on-demand always goes by the order of instance_types.
    allocation: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['price-capacity-optimized', 'capacity-optimized', 'lowest-price', 'diversified']).optional(),
    root_volume: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        size_gb: zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(8).max(16384).optional(),
        type: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['gp3', 'gp2', 'io1', 'io2', 'st1', 'sc1', 'standard']).optional(),
    })
        .optional(),
    network: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        vpc: zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('default'), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^vpc-[0-9a-f]+$/)]).optional(),
        subnets: subnets.optional(),
        public_ip: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
        ingress: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ingressSchema).optional(),
    })
        .optional(),
    ssh: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        key_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        public_key: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        public_key_path: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        username: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        cidr: cidr.optional(),
    })
        .optional(),
    iam_instance_profile: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    ttl: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .TTL_PATTERN */ .A4, {
        error: 'ttl must be a duration like 8h or 3d, or never',
    })
        .optional(),
    tags: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY()])).optional(),
    bucket: zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([
        zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
        zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
            name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
            create: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
            prefix: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
            /** KMS key (id, alias or ARN) for bundles and status objects; S3-managed keys otherwise. */
            kms_key: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        }),
    ])
        .optional(),
    wait: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['none', 'running', 'ready']).optional(),
    ready_timeout: duration('ready_timeout').optional(),
    health_check: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        port: zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(1).max(65535),
        path: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().startsWith('/', { error: 'health_check.path must start with /' }).optional(),
        expect: zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(100).max(599).optional(),
    })
        .optional(),
});


/***/ }),

/***/ 559:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gr: () => (/* binding */ scanRunsSomething),
/* harmony export */   Kv: () => (/* binding */ DEFAULT_TARGET),
/* harmony export */   rX: () => (/* binding */ rootComposeFile),
/* harmony export */   vC: () => (/* binding */ scanConvention)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _find_root_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6944);



const DEFAULT_TARGET = '/opt/deployment';
/** Runtime manifests and the (Ubuntu) packages they need. */
const RUNTIME_PACKAGES = [
    ['requirements.txt', ['python3', 'python3-pip', 'python3-venv']],
    ['package.json', ['nodejs', 'npm']],
    ['Gemfile', ['ruby-full', 'ruby-bundler']],
    ['go.mod', ['golang-go']],
    ['Cargo.toml', ['cargo']],
];
/** A compose file at the project root, which the convention uses when deployment/ has none. */
const rootComposeFile = (root) => _find_root_js__WEBPACK_IMPORTED_MODULE_2__/* .COMPOSE_FILES */ .Zz.find((name) => isFile(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, name)));
const rel = (...parts) => [_find_root_js__WEBPACK_IMPORTED_MODULE_2__/* .CONVENTION_DIR */ .Yq, ...parts].join('/');
/**
 * Scans `<root>/deployment/` by SPEC §2.3; without a compose file there, a
 * compose file at the root is used (its folder, the root, is then bundled).
 * The result has the same shape as `.spot/deployment.yaml`, which is what
 * `init` writes out.
 */
function scanConvention(root) {
    const base = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, _find_root_js__WEBPACK_IMPORTED_MODULE_2__/* .CONVENTION_DIR */ .Yq);
    const scan = {
        deployment: { version: 1, target: DEFAULT_TARGET },
        files: [],
        origins: new Map(),
    };
    const entries = new Set(listDir(base));
    const uploads = isDir(base) ? [{ source: _find_root_js__WEBPACK_IMPORTED_MODULE_2__/* .CONVENTION_DIR */ .Yq, dest: DEFAULT_TARGET }] : [];
    const secrets = [];
    const exclude = [];
    if (isDir(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(base, 'secrets'))) {
        secrets.push({ source: rel('secrets'), dest: '/opt/secrets' });
        exclude.push('secrets/');
        scan.files.push(rel('secrets'));
    }
    if (entries.has('.env') && isFile(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(base, '.env'))) {
        secrets.push({ source: rel('.env'), dest: `${DEFAULT_TARGET}/.env` });
        exclude.push('.env');
        scan.files.push(rel('.env'));
    }
    if (exclude.length > 0 && uploads[0])
        uploads[0] = { ...uploads[0], exclude };
    for (const folder of ['configs', 'files']) {
        if (!isDir(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(base, folder)))
            continue;
        uploads.push({ source: rel(folder), dest: `/opt/${folder}` });
        scan.files.push(rel(folder));
    }
    if (uploads.length > 0)
        scan.deployment.uploads = uploads;
    if (secrets.length > 0)
        scan.deployment.secrets = secrets;
    addPackages(scan, base, entries);
    addScripts(scan, base, entries);
    addServices(scan, base, entries);
    const inFolder = _find_root_js__WEBPACK_IMPORTED_MODULE_2__/* .COMPOSE_FILES */ .Zz.find((name) => entries.has(name));
    const compose = inFolder ? rel(inFolder) : rootComposeFile(root);
    if (compose) {
        scan.deployment.compose = compose;
        scan.files.push(compose);
        scan.origins.set('compose', compose);
    }
    return scan;
}
function addPackages(scan, base, entries) {
    const packages = [];
    if (entries.has('packages.txt')) {
        const lines = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(base, 'packages.txt'), 'utf8').split(/\r?\n/);
        packages.push(...lines.map((line) => line.replace(/#.*/, '').trim()).filter(Boolean));
        scan.files.push(rel('packages.txt'));
        scan.origins.set('packages', rel('packages.txt'));
    }
    for (const [file, needed] of RUNTIME_PACKAGES) {
        if (!entries.has(file))
            continue;
        packages.push(...needed);
        scan.files.push(rel(file));
    }
    if (packages.length > 0)
        scan.deployment.packages = [...new Set(packages)];
}
function addScripts(scan, base, entries) {
    const scripts = [];
    const found = listDir(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(base, 'scripts'))
        .filter((name) => name.endsWith('.sh'))
        .map((name) => rel('scripts', name));
    const main = ['setup.sh', 'init.sh'].find((name) => entries.has(name));
    if (main)
        found.push(rel(main));
    for (const file of found) {
        scan.origins.set(`scripts.${scripts.length}`, file);
        scripts.push({ path: file });
        scan.files.push(file);
    }
    if (scripts.length > 0)
        scan.deployment.scripts = scripts;
}
function addServices(scan, base, entries) {
    const units = [
        ...listDir(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(base, 'services')).map((name) => rel('services', name)),
        ...listDir(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(base, 'systemd')).map((name) => rel('systemd', name)),
        ...[...entries].map((name) => rel(name)),
    ].filter((file) => file.endsWith('.service'));
    const services = [];
    for (const file of units) {
        scan.origins.set(`services.${services.length}`, file);
        services.push({ file });
        scan.files.push(file);
    }
    if (services.length > 0)
        scan.deployment.services = services;
}
/** True when the scan found something that runs: a script, a unit or a compose file. */
const scanRunsSomething = (scan) => Boolean(scan.deployment.scripts?.length || scan.deployment.services?.length || scan.deployment.compose);
/** Sorted names in a folder; empty when it does not exist. Sorting by code unit keeps it locale-independent. */
function listDir(dir) {
    if (!isDir(dir))
        return [];
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
const isDir = (target) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(target) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(target).isDirectory();
const isFile = (target) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(target) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(target).isFile();


/***/ }),

/***/ 9143:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ deploymentSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8816);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7840);


/**
 * `.spot/deployment.yaml`, version 1 (SPEC §2.2): what goes onto the
 * instance. Keys sit at the top level or under `deployment:`; the loader
 * unwraps the latter before this schema sees it. Pure validation, no
 * transforms, so it also yields the editor's JSON Schema.
 */
function buildDeploymentSchema() {
    const envValue = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY()]);
    const envMap = zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), envValue);
    const timeout = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([
        zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .DURATION_PATTERN */ .Cq, {
            error: 'timeout must be a duration like 90s, 15m, 8h or 3d',
        }),
        zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().positive(),
    ]);
    const commands = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1))]);
    const uploadSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        source: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
        dest: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        destination: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        permissions: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        owner: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        exclude: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()).optional(),
    });
    const scriptSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([
        zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
        zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
            command: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
            path: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
            working_dir: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
            user: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
            env: envMap.optional(),
            timeout: timeout.optional(),
        }),
    ]);
    const healthSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        http: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        tcp: zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(1).max(65535).optional(),
        command: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        timeout: timeout.optional(),
    });
    const serviceSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        file: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        unit: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        enabled: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
        start: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
        after: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1)).optional(),
        health: healthSchema.optional(),
    });
    const tarballSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
        checksum: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        extract_to: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    });
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        $schema: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        version: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(1).optional(),
        target: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
            .startsWith('/', {
            error: 'target must be an absolute path on the instance',
        })
            .optional(),
        packages: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[A-Za-z0-9][A-Za-z0-9+._:-]*(=[^\s=]+)?$/, {
            error: 'package must be name or name=version',
        }))
            .optional(),
        env: envMap.optional(),
        uploads: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(uploadSchema).optional(),
        secrets: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(uploadSchema).optional(),
        scripts: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(scriptSchema).optional(),
        services: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(serviceSchema).optional(),
        compose: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
        tarball: zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([tarballSchema, zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(tarballSchema)]).optional(),
        hooks: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
            pre_install: commands.optional(),
            post_install: commands.optional(),
            on_failure: commands.optional(),
        })
            .optional(),
        template: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    });
}
let built;
/**
 * Built on first use: a project that follows the `deployment/` convention
 * has no deployment.yaml to parse, and zod takes about 3 ms of a cold
 * `validate` to build this schema.
 */
const deploymentSchema = () => (built ??= buildDeploymentSchema());


/***/ }),

/***/ 9255:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ didYouMean)
/* harmony export */ });
/* unused harmony export editDistance */
/** Levenshtein distance; small inputs only (config keys and enum values). */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i += 1) {
        const current = [i];
        for (let j = 1; j <= b.length; j += 1) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
/**
 * Names other tools give our keys (Terraform, Compose, EC2's own API), which
 * no edit distance connects: `count: 3` means `instances: 3`. Offered only
 * where the key they stand for is known at that place.
 */
const SYNONYMS = {
    count: 'instances',
    instance_count: 'instances',
    num_instances: 'instances',
    replicas: 'instances',
    instance_type: 'instance_types',
    machine_type: 'instance_types',
    type: 'instance_types',
    ami: 'image',
    ami_id: 'image',
    image_id: 'image',
    spot_price: 'max_price',
    bid_price: 'max_price',
    expiry: 'ttl',
    expires: 'ttl',
    lifetime: 'ttl',
    timeout: 'ready_timeout',
    // .spot/deployment.yaml
    commands: 'scripts',
    run: 'scripts',
    runcmd: 'scripts',
    apt: 'packages',
    apt_packages: 'packages',
    files: 'uploads',
    environment: 'env',
    units: 'services',
    systemd: 'services',
    docker_compose: 'compose',
};
/** The closest candidate when it is close enough to be a likely typo, or the key another tool's name stands for. */
function didYouMean(input, candidates) {
    const wanted = input.toLowerCase().replace(/-/g, '_');
    const synonym = SYNONYMS[wanted];
    if (synonym !== undefined && candidates.includes(synonym))
        return synonym;
    let best;
    for (const name of candidates) {
        const distance = editDistance(wanted, name.toLowerCase().replace(/-/g, '_'));
        if (!best || distance < best.distance)
            best = { name, distance };
    }
    if (!best)
        return undefined;
    // A prefix of a known key (`size` for `size_gb`) is a likely slip too.
    const prefixed = candidates.filter((name) => wanted.length >= 3 && name.toLowerCase().startsWith(wanted));
    if (prefixed.length === 1 && best.distance > 1)
        return prefixed[0];
    const limit = Math.max(2, Math.floor(input.length / 3));
    return best.distance <= limit ? best.name : undefined;
}


/***/ }),

/***/ 7840:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A4: () => (/* binding */ TTL_PATTERN),
/* harmony export */   Cq: () => (/* binding */ DURATION_PATTERN),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   Fp: () => (/* binding */ DURATION_HINT),
/* harmony export */   Kw: () => (/* binding */ parseTtl)
/* harmony export */ });
/** `90s`, `15m`, `8h`, `3d`; `never` is accepted only where a TTL is meant. */
const DURATION_PATTERN = /^[1-9][0-9]*(s|m|h|d)$/;
const TTL_PATTERN = /^(never|[1-9][0-9]*(s|m|h|d))$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 };
/** Seconds in a duration string, or undefined when it is not one. */
function parseDuration(text) {
    const match = DURATION_PATTERN.exec(text.trim());
    if (!match)
        return undefined;
    const unit = match[1];
    return Number.parseInt(text, 10) * UNIT_SECONDS[unit];
}
/** Like parseDuration, but `never` means no TTL. */
function parseTtl(text) {
    return text.trim() === 'never' ? 'never' : parseDuration(text);
}
const DURATION_HINT = 'write a number and a unit: 90s, 15m, 8h or 3d';


/***/ }),

/***/ 1572:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ isShellReservedName),
/* harmony export */   j: () => (/* binding */ ENV_NAME_PATTERN)
/* harmony export */ });
/**
 * Names a deployment's `env` may not use: bash keeps them for itself (they
 * are read-only, or change how bash itself runs), so sourcing the env file
 * would fail with "readonly variable" or change the shell under the steps.
 */
const SHELL_NAMES = new Set(['UID', 'EUID', 'PPID', 'BASHOPTS', 'SHELLOPTS', 'BASH', 'BASHPID', 'GROUPS', 'IFS', 'ENV']);
const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** True when bash reserves `name` (UID, EUID, PPID, BASHOPTS, SHELLOPTS, BASH_*, …). */
const isShellReservedName = (name) => SHELL_NAMES.has(name) || name.startsWith('BASH_');


/***/ }),

/***/ 6944:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Yq: () => (/* binding */ CONVENTION_DIR),
/* harmony export */   Zz: () => (/* binding */ COMPOSE_FILES),
/* harmony export */   pj: () => (/* binding */ findProjectRoot),
/* harmony export */   z9: () => (/* binding */ SPOT_DIR)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
/* harmony import */ var _core_codes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7265);




const SPOT_DIR = '.spot';
const CONVENTION_DIR = 'deployment';
/** Compose file names, in the order the convention prefers them; one at the root marks a project on its own. */
const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];
const isFile = (target) => {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(target).isFile();
    }
    catch {
        return false;
    }
};
const isDirectory = (target) => {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(target).isDirectory();
    }
    catch {
        return false;
    }
};
/**
 * The project root: `dir` itself when it holds `.spot/`, `deployment/` or a compose file,
 * else the nearest parent that does (so commands work from a subfolder).
 * Stops at the filesystem root or at a `.git` boundary.
 */
function findProjectRoot(dir) {
    const start = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(dir);
    if (!isDirectory(start))
        throw noProject(start, `${start} is not a folder`);
    for (let current = start;; current = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(current)) {
        if (isDirectory(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(current, SPOT_DIR)) || isDirectory(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(current, CONVENTION_DIR)))
            return current;
        if (COMPOSE_FILES.some((name) => isFile(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(current, name))))
            return current;
        const parent = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(current);
        if (parent === current || isDirectory(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(current, '.git')))
            break;
    }
    throw noProject(start, `no ${SPOT_DIR}/ or ${CONVENTION_DIR}/ folder in ${start} or its parents`);
}
function noProject(start, message) {
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL([
        {
            code: _core_codes_js__WEBPACK_IMPORTED_MODULE_3__/* .CODE */ .Sq.noProject,
            file: start,
            line: 1,
            column: 1,
            key: '',
            message,
            hint: 'add deployment/setup.sh (the commands that install and start your app) or a compose.yaml, then `spot-deployer init` can write .spot/ from it; use --dir (working-directory) to point elsewhere',
            severity: 'error',
        },
    ]);
}


/***/ }),

/***/ 8956:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hd: () => (/* binding */ formatIssue),
/* harmony export */   og: () => (/* binding */ formatIssues),
/* harmony export */   vD: () => (/* binding */ formatIssueUnlabelled)
/* harmony export */ });
/**
 * One issue as users see it:
 * `file:line:col  key  message` and, on the next line, `  hint: …`.
 * Warnings say so before the message.
 */
const formatIssue = (issue) => formatIssueWith(issue, true);
/** For a surface whose warn() labels the line itself (the CLI's `warning:`, an Actions warning). */
const formatIssueUnlabelled = (issue) => formatIssueWith(issue, false);
function formatIssueWith(issue, severityLabel) {
    const where = `${issue.file}:${issue.line}:${issue.column}`;
    const label = issue.severity === 'warning' && severityLabel ? 'warning: ' : '';
    const parts = [where, issue.key, `${label}${issue.message} (${issue.code})`].filter(Boolean);
    const head = parts.join('  ');
    return issue.hint ? `${head}\n  hint: ${issue.hint}` : head;
}
/** All issues, errors first, each formatted by formatIssue. */
function formatIssues(issues) {
    const ordered = [...issues].sort((a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'));
    return ordered.map(formatIssue).join('\n');
}


/***/ }),

/***/ 1495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ architectureOf)
/* harmony export */ });
/**
 * The CPU architecture an instance type name implies. Graviton families
 * carry a `g` among the letters after the generation (t4g, m7g, c7gn, r6gd,
 * im4gn, is4gen, g5g, hpc7g); `a1` is the first-generation Graviton.
 * Undefined when the name does not look like `family.size`.
 */
function architectureOf(instanceType) {
    const family = /^([a-z]+)(\d+)([a-z-]*)\.[a-z0-9-]+$/.exec(instanceType);
    if (!family)
        return undefined;
    if (family[1] === 'a' && family[2] === '1')
        return 'arm64';
    return (family[3] ?? '').split('-')[0].includes('g') ? 'arm64' : 'x86_64';
}


/***/ }),

/***/ 1207:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ runAbortCleanups),
/* harmony export */   u: () => (/* binding */ onAbort)
/* harmony export */ });
/**
 * What must be undone when a run is stopped from outside (Ctrl-C, SIGTERM
 * from a CI runner) before it could clean up by itself: temporary folders
 * (the bundle's holds the project's secrets) and the deployment lock. Code
 * that creates such a thing registers its undo here and unregisters it once
 * it undid it itself; the CLI's signal handler (cli/signals.ts) runs what is
 * left. A registry, not a parameter, because the signal can come at any
 * depth of the pipeline.
 */
const pending = new Set();
/** Registers an undo; returns the function that unregisters it. */
function onAbort(cleanup) {
    pending.add(cleanup);
    return () => void pending.delete(cleanup);
}
/** Runs every registered undo once, each on its own: one failure does not stop the others. */
async function runAbortCleanups() {
    const failures = [];
    const cleanups = [...pending];
    pending.clear();
    for (const cleanup of cleanups) {
        try {
            await cleanup();
        }
        catch (error) {
            failures.push(error instanceof Error ? error.message : String(error));
        }
    }
    return failures;
}


/***/ }),

/***/ 2145:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ clockText)
/* harmony export */ });
/** A running time for progress lines: `45s`, `2m05s`, `1h02m`. */
function clockText(milliseconds) {
    const seconds = Math.max(0, Math.round(milliseconds / 1000));
    const pad = (value) => String(value).padStart(2, '0');
    if (seconds < 60)
        return `${seconds}s`;
    if (seconds < 3600)
        return `${Math.floor(seconds / 60)}m${pad(seconds % 60)}s`;
    return `${Math.floor(seconds / 3600)}h${pad(Math.floor((seconds % 3600) / 60))}m`;
}


/***/ }),

/***/ 7265:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sq: () => (/* binding */ CODE),
/* harmony export */   bO: () => (/* binding */ defaultHint)
/* harmony export */ });
/* unused harmony exports CODES, isCode */
/**
 * The one registry of error codes. Users, docs and tests refer to these, so
 * a code is never renumbered or reused. Ranges: SD1xx configuration and
 * bundle, SD2xx credentials and permissions, SD3xx capacity and quota, SD4xx
 * timeouts, SD5xx bootstrap, SD9xx bugs. No other file declares a code:
 * code elsewhere names one through `CODE.<name>`, and the user guide's table
 * is generated from this file (`npm run docs`), with a test that fails when
 * it is stale.
 */
const CODES = {
    SD100: {
        name: 'usage',
        title: 'a usage problem: unknown command, bad flag or input value',
        severity: 'error',
        hint: 'Run spot-deployer --help for commands and flags.',
    },
    SD101: {
        name: 'noProject',
        title: 'no .spot/ folder and no deployment/ folder found',
        severity: 'error',
        hint: 'Run spot-deployer init in your project, or pass --dir.',
    },
    SD102: {
        name: 'yamlSyntax',
        title: 'YAML syntax error (tabs for indentation included), or a file that cannot be read',
        severity: 'error',
        hint: 'Fix the YAML at the line shown; indent with spaces.',
    },
    SD103: { name: 'duplicateKey', title: 'a key appears twice in one map', severity: 'error', hint: 'Keep one of the two keys.' },
    SD104: {
        name: 'unknownKey',
        title: 'unknown key (with "did you mean")',
        severity: 'error',
        hint: 'Check the spelling against the configuration reference.',
    },
    SD105: {
        name: 'invalidValue',
        title: 'wrong type, or a value outside the allowed set',
        severity: 'error',
        hint: 'Use one of the values the message lists.',
    },
    SD106: {
        name: 'missingValue',
        title: 'a required value is missing (regions, bucket, …)',
        severity: 'error',
        hint: 'Add the key named in the message.',
    },
    SD107: {
        name: 'emptyFile',
        title: 'an empty file where content is required',
        severity: 'error',
        hint: 'Fill the file in, or remove it.',
    },
    SD108: { name: 'badVersion', title: 'unsupported `version`', severity: 'error', hint: 'Set version: 1.' },
    SD109: {
        name: 'mixedLayout',
        title: 'deployment.yaml mixes top-level keys with a `deployment:` map',
        severity: 'error',
        hint: 'Put every key either at the top level or under deployment:, not both.',
    },
    SD110: {
        name: 'deprecatedKey',
        title: "a key of the original Python tool's layout (warning)",
        severity: 'warning',
        hint: 'Move to the key the message names.',
    },
    SD111: {
        name: 'missingSource',
        title: 'a source file or folder does not exist',
        severity: 'error',
        hint: 'Paths are relative to the project root; check the spelling.',
    },
    SD112: {
        name: 'pathEscape',
        title: 'a path leaves the project (`..`, absolute, or a symlink pointing out)',
        severity: 'error',
        hint: 'Keep every source inside the project; copy the target in instead of linking to it.',
    },
    SD113: {
        name: 'duplicateDest',
        title: 'two uploads write to the same destination',
        severity: 'error',
        hint: 'Give each upload its own dest.',
    },
    SD114: {
        name: 'badPermissions',
        title: 'a permission string is not octal like `0644`',
        severity: 'error',
        hint: 'Quote permissions as a string: "0644".',
    },
    SD115: {
        name: 'badOwner',
        title: 'an owner is not `user` or `user:group`',
        severity: 'error',
        hint: 'Write owner: app or owner: app:app.',
    },
    SD116: {
        name: 'badUnit',
        title: 'a systemd unit does not parse or has no [Service] section',
        severity: 'error',
        hint: 'Check the unit file with systemd-analyze verify.',
    },
    SD117: {
        name: 'badScript',
        title: 'a script is not a regular file, or (warning) is not executable',
        severity: 'error',
        hint: 'chmod +x the script, or point at a regular file.',
    },
    SD118: {
        name: 'badChecksum',
        title: 'a checksum is not `sha256:<64 hex>`',
        severity: 'error',
        hint: 'Write checksum: "sha256:" followed by the 64 hex digits of sha256sum.',
    },
    SD119: {
        name: 'badUrl',
        title: 'a tarball URL the instance cannot fetch or unpack',
        severity: 'error',
        hint: 'Use an https:// URL (presigned for a private S3 object) of a .tar.gz, .tgz or .tar file.',
    },
    SD120: { name: 'badRegion', title: 'a region name AWS does not have', severity: 'error', hint: 'Use a region name such as us-east-1.' },
    SD121: {
        name: 'badInstanceType',
        title: 'an instance type name that is not `family.size`',
        severity: 'error',
        hint: 'Write instance types like t3.small.',
    },
    SD122: {
        name: 'archMismatch',
        title: 'instance types disagree with `architecture` or with each other',
        severity: 'error',
        hint: 'Use only x86_64 types, or only arm64 types (names with g, like t4g).',
    },
    SD123: {
        name: 'badCount',
        title: 'instance counts do not fit the regions',
        severity: 'error',
        hint: 'Make the per-region counts add up to instances.',
    },
    SD124: {
        name: 'badDuration',
        title: 'a duration is not like `90s`, `15m`, `8h`, `3d` or `never`',
        severity: 'error',
        hint: 'Write durations like 90s, 15m, 8h or 3d.',
    },
    SD125: { name: 'badCidr', title: 'a CIDR is not valid IPv4 notation', severity: 'error', hint: 'Write a CIDR like 203.0.113.0/24.' },
    SD126: {
        name: 'openSsh',
        title: 'SSH open to the whole internet (warning)',
        severity: 'warning',
        hint: 'Set ssh.cidr to your own address range.',
    },
    SD127: {
        name: 'wouldOverwrite',
        title: '`init` would overwrite an existing file',
        severity: 'error',
        hint: 'Pass --force to overwrite.',
    },
    SD128: {
        name: 'incompleteSpot',
        title: 'nothing to deploy, or .spot/ holds only one of its files in a way that cannot work',
        severity: 'error',
        hint: 'Add .spot/deployment.yaml, or a deployment/ folder with a setup.sh.',
    },
    SD129: {
        name: 'portNotOpen',
        title: 'a port the compose file publishes that no `network.ingress` rule opens (warning)',
        severity: 'warning',
        hint: 'Add the port to network.ingress in .spot/config.yaml, or stop publishing it.',
    },
    SD130: {
        name: 'unsafeDest',
        title: 'a destination on the instance that is not absolute or has `..`',
        severity: 'error',
        hint: 'Write the destination as an absolute path, e.g. /opt/app.',
    },
    SD131: {
        name: 'unsupportedType',
        title: 'a device file, socket or FIFO in the bundle',
        severity: 'error',
        hint: 'Exclude it in .spotignore.',
    },
    SD132: {
        name: 'changedWhileReading',
        title: 'a file changed size while it was being bundled',
        severity: 'error',
        hint: 'Run again once nothing writes to the project.',
    },
    SD133: {
        name: 'unsafeExtra',
        title: 'a generated bundle path that is absolute, has `..` or sits under files/',
        severity: 'error',
        hint: 'This is a bug in spot-deployer; please report it.',
    },
    SD134: {
        name: 'fileLeftBehind',
        title: 'a `deployment/` script names a project file outside `deployment/`, which is not uploaded (warning)',
        severity: 'warning',
        hint: 'Move the file under deployment/, or upload it from .spot/deployment.yaml.',
    },
    SD135: {
        name: 'missingBucket',
        title: 'the S3 bucket does not exist',
        severity: 'error',
        hint: 'Create the bucket, or set bucket: {name, create: true}.',
    },
    SD136: {
        name: 'bucketTaken',
        title: 'the S3 bucket name belongs to another account',
        severity: 'error',
        hint: 'Bucket names are global; choose another name.',
    },
    SD137: {
        name: 'unsafeBucket',
        title: 'a bucket setting that would reach beyond this tool (empty prefix, foreign settings)',
        severity: 'error',
        hint: 'Give bucket.prefix a non-empty value.',
    },
    SD140: {
        name: 'badEnvName',
        title: 'an env name that is not a shell identifier, or one the shell keeps for itself',
        severity: 'error',
        hint: 'Use names like APP_PORT: letters, digits and _, not starting with a digit.',
    },
    SD141: {
        name: 'serviceCycle',
        title: 'services whose `after` lists form a cycle, or name a service that does not exist',
        severity: 'error',
        hint: 'Remove one of the after: entries.',
    },
    SD142: {
        name: 'nulByte',
        title: 'a value holds a NUL byte, which no shell argument can carry',
        severity: 'error',
        hint: 'Remove the NUL character from the value.',
    },
    SD150: {
        name: 'imageNotFound',
        title: '`image` not found in a region (alias, AMI id or SSM path)',
        severity: 'error',
        hint: 'Check the AMI id or SSM path exists in that region.',
    },
    SD151: {
        name: 'noNetwork',
        title: 'no default VPC, a VPC without subnets, or listed subnets not found, in two VPCs or outside network.vpc',
        severity: 'error',
        hint: 'Set network.vpc and network.subnets.',
    },
    SD152: {
        name: 'badTemplate',
        title: 'a cloud-init template or fragment that is not valid, or sets a key the deployer owns',
        severity: 'error',
        hint: 'Fix the template, or choose minimal or docker.',
    },
    SD153: {
        name: 'userDataTooBig',
        title: "user-data over EC2's 16,384 bytes even after gzip (checked before any AWS call)",
        severity: 'error',
        hint: 'Move content from .spot/cloud-init.yaml into the bundle.',
    },
    SD200: {
        name: 'noCredentials',
        title: 'no usable AWS credentials (including fork pull requests)',
        severity: 'error',
        hint: 'Configure credentials with aws-actions/configure-aws-credentials, or AWS_PROFILE in a terminal.',
    },
    SD201: {
        name: 'accessDenied',
        title: 'permission denied: the hint names the IAM action',
        severity: 'error',
        hint: 'Add the IAM action to the role; see the IAM policy in the user guide.',
    },
    SD202: {
        name: 'untrustedFork',
        title: "a fork's pull request under pull_request_target, which would run the fork's code with this repository's AWS role",
        severity: 'error',
        hint: 'Deploy fork pull requests only after review, with allow-fork-pull-request-target: true (read docs/security.md first).',
    },
    SD299: {
        name: 'awsError',
        title: 'any other AWS error, with its code and message',
        severity: 'error',
        hint: 'The AWS error code and message say what AWS refused.',
    },
    SD300: {
        name: 'noCapacity',
        title: 'no capacity in any pool tried',
        severity: 'error',
        hint: 'Add instance types or regions, or use market: spot-then-on-demand.',
    },
    SD301: {
        name: 'quota',
        title: 'an EC2 quota (spot instance count, vCPU)',
        severity: 'error',
        hint: 'Ask for a higher quota in Service Quotas, or launch fewer instances.',
    },
    SD302: {
        name: 'throttled',
        title: "throttled after the SDK's retries",
        severity: 'error',
        hint: 'AWS throttled the calls; try again in a minute.',
    },
    SD400: {
        name: 'bootstrapTimeout',
        title: 'instances that did not report a bootstrap status within `ready_timeout`',
        severity: 'error',
        hint: 'Raise ready_timeout for slow setups; otherwise read the console output: the instance needs outbound HTTPS to S3.',
    },
    SD410: {
        name: 'deploymentLocked',
        title: 'another deploy of the same deployment held its lock for longer than the wait',
        severity: 'error',
        hint: 'Wait for the other run to finish (or cancel it), then run again; in Actions, a concurrency group per deployment avoids this.',
    },
    SD500: {
        name: 'bootstrapFailed',
        title: 'a bootstrap that failed: its step, and the end of the agent log',
        severity: 'error',
        hint: 'The end of the agent log is in the summary and in --json; the full log is /var/log/spot-deployer.log on the instance.',
    },
    SD999: {
        name: 'bug',
        title: 'a bug in spot-deployer',
        severity: 'error',
        hint: 'Run again with --debug (or ACTIONS_STEP_DEBUG) and report the stack trace.',
    },
};
/** Codes by name: `CODE.badRegion` is `'SD120'`. */
const CODE = Object.fromEntries(Object.entries(CODES).map(([code, info]) => [info.name, code]));
const isCode = (value) => Object.hasOwn(CODES, value);
const defaultHint = (code) => CODES[code].hint;


/***/ }),

/***/ 4296:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pl: () => (/* binding */ SpotError),
/* harmony export */   eb: () => (/* binding */ UsageError),
/* harmony export */   xL: () => (/* binding */ ConfigError)
/* harmony export */ });
/* unused harmony export isSpotError */
/* harmony import */ var _codes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7265);
/**
 * The error family every user-facing failure belongs to. The code comes from
 * the registry in codes.ts, so users and docs can refer to it; a place that
 * has no more specific hint gets the registry's.
 */

class SpotError extends Error {
    code;
    hint;
    position;
    key;
    constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'SpotError';
        this.code = code;
        this.hint = options.hint ?? (0,_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .defaultHint */ .bO)(code);
        this.position = options.position;
        this.key = options.key;
    }
    /** `--json` output: an Error's message is not enumerable, so spell the fields out. */
    toJSON() {
        return {
            code: this.code,
            message: this.message,
            hint: this.hint,
            ...(this.key ? { key: this.key } : {}),
            ...(this.position ? { position: this.position } : {}),
        };
    }
}
/** Raised when validation found at least one error; carries all issues. */
class ConfigError extends SpotError {
    issues;
    constructor(issues) {
        const first = issues.find((issue) => issue.severity === 'error') ?? issues[0];
        const count = issues.filter((issue) => issue.severity === 'error').length;
        super(first?.code ?? _codes_js__WEBPACK_IMPORTED_MODULE_0__/* .CODE */ .Sq.usage, count === 1 ? 'the configuration has 1 error' : `the configuration has ${count} errors`, {
            hint: first?.hint,
            position: first ? { file: first.file, line: first.line, column: first.column } : undefined,
            key: first?.key,
        });
        this.name = 'ConfigError';
        this.issues = issues;
    }
}
/** Usage errors (bad flags, unknown command) exit with 2, not 1. */
class UsageError extends SpotError {
    constructor(message, hint) {
        super(_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .CODE */ .Sq.usage, message, { hint });
        this.name = 'UsageError';
    }
}
const isSpotError = (error) => error instanceof SpotError;


/***/ }),

/***/ 9528:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dk: () => (/* binding */ sanitizeForTerminal),
/* harmony export */   gN: () => (/* binding */ sanitizedLine)
/* harmony export */ });
/* unused harmony export stripControlCharacters */
/**
 * Text that comes from an instance (a failed step's name, the end of the
 * agent's log) is written by whoever controls the project, which on a pull
 * request is anyone who can open one. Before it is printed to a terminal or to
 * the Actions log it goes through here, so it can neither drive the terminal
 * (ANSI/OSC escapes: colours, titles, hyperlinks, clipboard writes) nor the
 * runner (`::add-mask::`, `::error::`, `::stop-commands::`, …).
 */
// ESC-introduced sequences, in the order ECMA-48 defines them:
// CSI `ESC [` params intermediates final; OSC/DCS/SOS/PM/APC strings ended by BEL or ST;
// and the other escapes (ESC, intermediates, one final byte). A hostile log may leave a
// string unterminated; it then ends at the line's end rather than swallowing the rest.
const ESCAPE_SEQUENCE = new RegExp([
    String.raw `\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?`,
    String.raw `\x1b[\]PX^_][^\n]*?(?:\x07|\x1b\\|(?=\n)|$)`,
    String.raw `\x1b[\x20-\x2f]*[\x30-\x7e]?`,
].join('|'), 'g');
// The same sequences introduced by their 8-bit C1 forms (CSI 0x9B, OSC 0x9D, DCS 0x90, SOS 0x98, PM 0x9E, APC 0x9F).
const C1_SEQUENCE = new RegExp([String.raw `\x9b[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?`, String.raw `[\x90\x98\x9d\x9e\x9f][^\n]*?(?:\x07|\x9c|\x1b\\|(?=\n)|$)`].join('|'), 'g');
// Every C0 control but tab and newline, DEL and every C1 control.
// eslint-disable-next-line no-control-regex -- finding control characters is the point here
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// Bidirectional embeddings, overrides and isolates: they can make a line read differently
// from what it contains ("Trojan Source"). Legitimate logs have no use for them.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;
/**
 * The runner reads a workflow command from any output line that, after its leading
 * whitespace, starts with `::` (or the legacy `##[`). A zero-width space after the first
 * character keeps the line readable but no longer a command: the runner trims only
 * whitespace, and U+200B is not whitespace.
 */
const WORKFLOW_COMMAND = /^\s*(?::(?=:)|#(?=#\[))/gm;
/**
 * Removes ANSI/ECMA-48 escape sequences (7- and 8-bit forms) and every other C0/C1 control
 * character except `\n` and `\t`, plus bidi override characters. `\r\n` becomes `\n`; a lone
 * `\r`, which a terminal would use to overwrite the line, is removed.
 */
function stripControlCharacters(text) {
    return text.replaceAll('\r\n', '\n').replace(ESCAPE_SEQUENCE, '').replace(C1_SEQUENCE, '').replace(CONTROL, '').replace(BIDI_CONTROL, '');
}
/**
 * Makes instance-supplied text safe to print to a terminal or the Actions log: no control
 * characters or escape sequences (see {@link stripControlCharacters}), and no line that the
 * runner would take for a workflow command. Pure; `\n` and `\t` are kept.
 */
function sanitizeForTerminal(text) {
    return stripControlCharacters(text).replace(WORKFLOW_COMMAND, '$&\u200b');
}
/** Instance-supplied text as one safe line of at most `max` characters, for messages that quote it. */
function sanitizedLine(text, max) {
    return sanitizeForTerminal(text).replace(/\s+/g, ' ').trim().slice(0, max);
}


/***/ }),

/***/ 68:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ realSleep),
/* harmony export */   w: () => (/* binding */ WAITING_FOR_SECRETS)
/* harmony export */ });
/**
 * How a `wait: running` deploy with secrets words its wait: each instance's
 * hello must be answered with its sealed secret part, which only the deploy
 * can hand over. The terminal adapts its local-endpoint note to it.
 */
const WAITING_FOR_SECRETS = 'waiting for the instances to ask for their secrets';
const realSleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));


/***/ }),

/***/ 2766:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ TAG),
/* harmony export */   K: () => (/* binding */ MANAGED_BY)
/* harmony export */ });
/**
 * The tag names that identify everything a deployment owns. No local state
 * file is kept: `status`, `destroy`, `sweep` and the post step find resources
 * by these tags alone, so the names are part of the contract with users'
 * accounts and never change.
 */
const TAG = {
    deployment: 'spot-deployer:deployment',
    managedBy: 'spot-deployer:managed-by',
    repository: 'spot-deployer:repository',
    ref: 'spot-deployer:ref',
    sha: 'spot-deployer:sha',
    runId: 'spot-deployer:run-id',
    pr: 'spot-deployer:pr',
    bundleSha256: 'spot-deployer:bundle-sha256',
    /** sha256 of the bundle's file index (paths, modes, sizes, content hashes): tells "unchanged" without compressing. */
    indexSha256: 'spot-deployer:index-sha256',
    expiresAt: 'spot-deployer:expires-at',
    launchId: 'spot-deployer:launch-id',
    /** Hash of everything an instance is launched with (deploy/spec-hash.ts): any change replaces it. */
    specSha256: 'spot-deployer:spec-sha256',
    name: 'Name',
};
const MANAGED_BY = 'spot-deployer';


/***/ }),

/***/ 4576:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ readTemplate)
/* harmony export */ });
/* unused harmony export templatePath */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_2__);
/**
 * Reads the tool's own files from `templates/`. From source the folder is
 * two levels up (src/core/); from a built entry (`dist/<entry>/`) it is the copy the
 * build puts in `dist/templates/`, one level up. The candidates are computed
 * at run time so ncc leaves the path alone instead of relocating it.
 */



const candidateDirs = () => {
    const here = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(import.meta.url));
    return ['..', '../..'].map((up) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(here, up, 'templates'));
};
let templatesDir;
function findTemplatesDir() {
    templatesDir ??= candidateDirs().find((dir) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'bootstrap.sh')));
    if (!templatesDir)
        throw new Error(`templates/ not found next to ${(0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(import.meta.url)}`);
    return templatesDir;
}
const templatePath = (name) => ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(name) ? name : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(findTemplatesDir(), name));
const readTemplate = (name) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(templatePath(name), 'utf8');


/***/ }),

/***/ 1292:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Gg: () => (/* binding */ buildPlan),
  rh: () => (/* binding */ sanitizeName)
});

// UNUSED EXPORTS: DEFAULTS, HEALTH_CHECK_TIMEOUT_SECONDS, MAX_DEPLOYMENT_ID_LENGTH, deploymentNames, resourceTags

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/core/tags.ts
var tags = __webpack_require__(2766);
// EXTERNAL MODULE: ./src/core/codes.ts
var codes = __webpack_require__(7265);
// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(7840);
// EXTERNAL MODULE: ./src/config/instance-types.ts
var instance_types = __webpack_require__(1495);
;// CONCATENATED MODULE: ./src/plan/build-regions.ts

const DEFAULT_INSTANCE_TYPES = ['t3.small'];
const DEFAULT_IMAGE = 'ubuntu-24.04';
const asObject = (entry) => (typeof entry === 'string' ? { name: entry } : entry);
/**
 * Regions in order with their instance counts. `instances` is spread over
 * the regions without an explicit `count`, earlier regions first; an
 * explicit `count: 0` keeps a region listed (as a fallback) with none.
 */
function buildRegions(input) {
    const { config, overrides, issues, locator } = input;
    const fromConfig = (config.regions ?? []).map(asObject);
    const entries = overrides.regions === undefined
        ? fromConfig
        : overrides.regions.map((name) => {
            const { count: _ignored, ...rest } = fromConfig.find((entry) => entry.name === name) ?? { name };
            return rest;
        });
    if (entries.length === 0) {
        issues.report(locator, [], codes/* CODE */.Sq.missingValue, 'regions is required: where to launch instances', {
            key: 'regions',
            hint: 'add regions: [us-east-1] to .spot/config.yaml, or pass the regions input / --regions',
        });
        return [];
    }
    const counts = spread(entries, overrides.instances ?? config.instances, input);
    const globalTypes = overrides.instanceTypes ?? config.instance_types ?? DEFAULT_INSTANCE_TYPES;
    return entries.map((entry, index) => ({
        name: entry.name,
        count: counts[index] ?? 0,
        instanceTypes: overrides.instanceTypes ?? entry.instance_types ?? globalTypes,
        image: entry.image ?? config.image ?? DEFAULT_IMAGE,
        subnets: entry.subnets ?? config.network?.subnets ?? 'auto',
    }));
}
function spread(entries, total, input) {
    const fixed = entries.reduce((sum, entry) => sum + (entry.count ?? 0), 0);
    const open = entries.filter((entry) => entry.count === undefined).length;
    if (open === 0) {
        if (total !== undefined && total !== fixed) {
            input.issues.report(input.locator, ['instances'], codes/* CODE */.Sq.badCount, `instances is ${total} but the region counts add up to ${fixed}`, {
                hint: 'drop instances, or make the per-region count values add up to it',
            });
        }
        if (fixed === 0) {
            input.issues.report(input.locator, ['regions'], codes/* CODE */.Sq.badCount, 'every region has count: 0, so nothing would be launched', {
                hint: 'give at least one region a count above 0',
            });
        }
        return entries.map((entry) => entry.count ?? 0);
    }
    const remaining = (total ?? Math.max(open, 1)) - fixed;
    if (remaining < open) {
        const listed = `${open} region${open === 1 ? '' : 's'} without a count`;
        input.issues.report(input.locator, ['instances'], codes/* CODE */.Sq.badCount, `instances is ${total ?? 1} but ${listed} need at least one each${fixed > 0 ? ` after ${fixed} fixed by count` : ''}`, {
            hint: `raise instances to ${fixed + open}, or give the extra regions count: 0 to keep them as fallbacks`,
        });
    }
    const share = Math.floor(Math.max(remaining, 0) / open);
    let extra = Math.max(remaining, 0) - share * open;
    return entries.map((entry) => {
        if (entry.count !== undefined)
            return entry.count;
        const count = share + (extra > 0 ? 1 : 0);
        extra -= 1;
        return count;
    });
}

;// CONCATENATED MODULE: ./src/plan/build-plan.ts






const DEFAULTS = {
    instanceTypes: ['t3.small'],
    architecture: 'x86_64',
    image: 'ubuntu-24.04',
    market: 'spot',
    allocation: 'price-capacity-optimized',
    rootVolume: { sizeGb: 20, type: 'gp3' },
    ttl: '24h',
    wait: 'ready',
    readyTimeout: '15m',
    bucketPrefix: 'spot-deployer',
    sshCidr: '0.0.0.0/0',
};
const MAX_DEPLOYMENT_ID_LENGTH = 40;
/** Lowercase `[a-z0-9-]`, no leading/trailing/double dashes, at most `max` characters. */
function sanitizeName(text, max = MAX_DEPLOYMENT_ID_LENGTH) {
    const clean = text
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/-+/g, '-')
        .replace(/^-|-$/g, '');
    return clean.slice(0, max).replace(/-$/, '');
}
/** The deployment name: config, then repository name, then folder name; a pull request adds `-pr-<n>`. */
function deploymentNames(config, overrides, run, projectRoot) {
    const repoName = run.repository.split('/').filter(Boolean).pop();
    const name = sanitizeName(config.name ?? repoName ?? external_node_path_default().basename(projectRoot)) || 'app';
    if (overrides.deploymentName !== undefined)
        return {
            name,
            deploymentId: sanitizeName(overrides.deploymentName) || name,
        };
    if (run.pullRequest === undefined)
        return { name, deploymentId: name };
    const suffix = `-pr-${run.pullRequest}`;
    return {
        name,
        deploymentId: `${sanitizeName(name, MAX_DEPLOYMENT_ID_LENGTH - suffix.length)}${suffix}`,
    };
}
/** How long the agent polls config.yaml's health_check before it reports failed. */
const HEALTH_CHECK_TIMEOUT_SECONDS = 300;
/** Builds the Plan from a validated config, the manifest and the overrides (which win). */
function buildPlan(input) {
    const { config, overrides } = input;
    const { name, deploymentId } = deploymentNames(config, overrides, input.run, input.projectRoot);
    const regions = buildRegions(input);
    const architecture = config.architecture ?? (0,instance_types/* architectureOf */.N)(regions[0]?.instanceTypes[0] ?? '') ?? DEFAULTS.architecture;
    const ssh = buildSsh(input);
    const healthCheck = config.health_check === undefined
        ? undefined
        : { port: config.health_check.port, path: config.health_check.path ?? '/', expect: config.health_check.expect ?? 200 };
    const userTags = {
        ...Object.fromEntries(Object.entries(config.tags ?? {}).map(([key, value]) => [key, String(value)])),
        ...overrides.tags,
    };
    return {
        projectRoot: input.projectRoot,
        sourceFiles: input.sourceFiles,
        name,
        deploymentId,
        run: input.run,
        resourceTags: resourceTags(deploymentId, input.run, userTags),
        regions,
        architecture,
        market: config.market ?? DEFAULTS.market,
        ...(config.max_price === undefined ? {} : { maxPrice: config.max_price }),
        allocation: config.allocation ?? DEFAULTS.allocation,
        rootVolume: {
            sizeGb: config.root_volume?.size_gb ?? DEFAULTS.rootVolume.sizeGb,
            type: config.root_volume?.type ?? DEFAULTS.rootVolume.type,
        },
        network: buildNetwork(config),
        ...(ssh === undefined ? {} : { ssh }),
        ...(config.iam_instance_profile === undefined ? {} : { iamInstanceProfile: config.iam_instance_profile }),
        ttlSeconds: buildTtl(input),
        tags: userTags,
        bucket: buildBucket(input),
        wait: overrides.wait ?? config.wait ?? DEFAULTS.wait,
        readyTimeoutSeconds: overrides.timeoutMinutes !== undefined
            ? overrides.timeoutMinutes * 60
            : ((0,duration/* parseDuration */.E9)(config.ready_timeout ?? DEFAULTS.readyTimeout) ?? 900),
        ...(healthCheck === undefined ? {} : { healthCheck }),
        // The agent polls health_check itself before it reports ready: it travels in steps.sh.
        manifest: healthCheck === undefined
            ? input.manifest
            : { ...input.manifest, readiness: { ...healthCheck, timeoutSeconds: HEALTH_CHECK_TIMEOUT_SECONDS } },
        userData: input.userData,
        bundleIgnore: input.bundleIgnore,
        notices: [],
    };
}
/** The user's tags first, so ours win on a clash: the tool finds its resources by them. */
function resourceTags(deploymentId, run, userTags) {
    const ours = {
        [tags/* TAG */.D.deployment]: deploymentId,
        [tags/* TAG */.D.managedBy]: tags/* MANAGED_BY */.K,
        [tags/* TAG */.D.repository]: run.repository,
        [tags/* TAG */.D.ref]: run.ref,
        [tags/* TAG */.D.sha]: run.commit,
        [tags/* TAG */.D.runId]: run.runId,
        [tags/* TAG */.D.pr]: run.pullRequest === undefined ? undefined : String(run.pullRequest),
        [tags/* TAG */.D.name]: deploymentId,
    };
    const merged = { ...userTags };
    for (const [key, value] of Object.entries(ours)) {
        if (value)
            merged[key] = value;
        else
            delete merged[key];
    }
    return merged;
}
function buildTtl(input) {
    const text = input.overrides.ttl ?? input.config.ttl ?? DEFAULTS.ttl;
    const ttl = (0,duration/* parseTtl */.Kw)(text);
    if (ttl !== undefined)
        return ttl;
    input.issues.add({
        code: codes/* CODE */.Sq.badDuration,
        file: '(input)',
        line: 1,
        column: 1,
        key: 'ttl',
        message: `ttl must be a duration like 8h or 3d, or never, got "${text}"`,
        hint: duration/* DURATION_HINT */.Fp,
        severity: 'error',
    });
    return 0;
}
function buildBucket(input) {
    const bucket = input.config.bucket;
    const fromFile = typeof bucket === 'string' ? { name: bucket } : bucket;
    const name = input.overrides.bucket ?? fromFile?.name;
    if (name === undefined) {
        input.issues.report(input.locator, [], codes/* CODE */.Sq.missingValue, 'bucket is required: an S3 bucket for bundles and status objects', {
            key: 'bucket',
            hint: 'add bucket: my-bucket to .spot/config.yaml (or bucket: {name: my-bucket, create: true}), or pass the bucket input / --bucket',
        });
    }
    const prefix = (fromFile?.prefix ?? DEFAULTS.bucketPrefix).replace(/^\/+|\/+$/g, '');
    if (prefix === '') {
        // At the bucket root, destroy's folder and the expiry rules would reach objects that are not the deployer's.
        input.issues.report(input.locator, ['bucket', 'prefix'], codes/* CODE */.Sq.unsafeBucket, 'bucket.prefix must not be empty', {
            at: 'value',
            hint: 'Leave bucket.prefix out (it defaults to spot-deployer) or give it a folder name such as deployments.',
        });
    }
    return {
        name: name ?? '',
        create: fromFile?.create ?? false,
        prefix,
        ...(fromFile?.kms_key ? { kmsKeyId: fromFile.kms_key } : {}),
    };
}
function buildNetwork(config) {
    const network = config.network;
    return {
        vpc: network?.vpc ?? 'default',
        subnets: network?.subnets ?? 'auto',
        publicIp: network?.public_ip ?? true,
        ingress: (network?.ingress ?? []).map((rule) => ({
            port: rule.port,
            cidr: rule.cidr,
            protocol: rule.protocol ?? 'tcp',
        })),
    };
}
function buildSsh(input) {
    const ssh = input.config.ssh;
    if (ssh === undefined)
        return undefined;
    const publicKey = ssh.public_key ?? input.publicKey;
    const image = input.config.image ?? DEFAULTS.image;
    return {
        ...(ssh.key_name === undefined ? {} : { keyName: ssh.key_name }),
        ...(publicKey === undefined ? {} : { publicKey: publicKey.trim() }),
        username: ssh.username ?? (image === 'al2023' ? 'ec2-user' : 'ubuntu'),
        cidr: ssh.cidr ?? DEFAULTS.sshCidr,
    };
}


/***/ }),

/***/ 5031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  g: () => (/* binding */ loadProject)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/codes.ts
var codes = __webpack_require__(7265);
// EXTERNAL MODULE: ./src/config/convention.ts
var convention = __webpack_require__(559);
// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(7840);
// EXTERNAL MODULE: ./src/plan/paths.ts
var paths = __webpack_require__(3935);
;// CONCATENATED MODULE: ./src/plan/build-services.ts




const DEFAULT_HEALTH_TIMEOUT_SECONDS = 60;
function timeoutSeconds(value, at, context) {
    if (value === undefined)
        return undefined;
    if (typeof value === 'number')
        return value;
    const seconds = (0,duration/* parseDuration */.E9)(value);
    if (seconds === undefined) {
        context.issues.report(context.locator, at, codes/* CODE */.Sq.badDuration, `invalid duration "${value}"`, { hint: duration/* DURATION_HINT */.Fp });
    }
    return seconds;
}
/** Unit names always carry their type suffix (`web.service`), as systemctl expects. */
const unitName = (name) => (/\.(service|socket|target|timer|mount|path)$/.test(name) ? name : `${name}.service`);
function toService(entry, index, context) {
    const at = ['services', index];
    if ((entry.file === undefined) === (entry.unit === undefined)) {
        context.issues.report(context.locator, at, codes/* CODE */.Sq.invalidValue, 'a service needs exactly one of file or unit', {
            hint: 'file: a unit file of the project; unit: the unit text inline (then name is required)',
        });
    }
    const file = entry.file === undefined ? undefined : (0,paths/* normaliseSource */.M5)(entry.file);
    const name = entry.name ?? (file ? external_node_path_default().posix.basename(file) : undefined);
    if (name === undefined) {
        context.issues.report(context.locator, at, codes/* CODE */.Sq.missingValue, 'name is required for an inline unit', {
            key: [...at, 'name'].join('.'),
            hint: 'add name: my-app.service',
        });
    }
    const health = toHealth(entry.health, [...at, 'health'], context);
    return {
        name: unitName(name ?? 'unnamed'),
        ...(file === undefined ? {} : { file }),
        ...(entry.unit === undefined ? {} : { unit: entry.unit }),
        enabled: entry.enabled ?? true,
        start: entry.start ?? true,
        after: (entry.after ?? []).map(unitName),
        ...(health === undefined ? {} : { health }),
    };
}
function toHealth(health, at, context) {
    if (health === undefined)
        return undefined;
    const kinds = [health.http, health.tcp, health.command].filter((value) => value !== undefined);
    if (kinds.length !== 1) {
        context.issues.report(context.locator, at, codes/* CODE */.Sq.invalidValue, 'health needs exactly one of http, tcp or command', {
            hint: 'e.g. health: {http: http://localhost:8080/healthz}',
        });
    }
    return {
        ...(health.http === undefined ? {} : { http: health.http }),
        ...(health.tcp === undefined ? {} : { tcp: health.tcp }),
        ...(health.command === undefined ? {} : { command: health.command }),
        timeoutSeconds: timeoutSeconds(health.timeout, [...at, 'timeout'], context) ?? DEFAULT_HEALTH_TIMEOUT_SECONDS,
    };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/config/yaml-source.ts


const FILE_START = { line: 1, column: 1 };
/** Parses YAML text, turning syntax errors and duplicate keys into issues. */
function parseYamlSource(file, text) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, {
        lineCounter,
        prettyErrors: true,
        uniqueKeys: true,
    });
    const issues = doc.errors.map((error) => {
        const at = error.linePos?.[0];
        const duplicate = error.code === 'DUPLICATE_KEY';
        const key = duplicate ? keyPathAtOffset(doc, error.pos[0]) : '';
        return {
            code: duplicate ? codes/* CODE */.Sq.duplicateKey : codes/* CODE */.Sq.yamlSyntax,
            file,
            line: at?.line ?? 1,
            column: at?.col ?? 1,
            key,
            message: duplicate ? `duplicate key "${lastSegment(key)}"` : firstSentence(error.message),
            hint: syntaxHint(error.code),
            severity: 'error',
        };
    });
    let value = null;
    if (issues.length === 0) {
        try {
            value = doc.toJS({ maxAliasCount: 100 });
        }
        catch (error) {
            // The yaml package refuses documents whose aliases expand too far (a "billion laughs" bomb).
            const at = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]) : { line: 1, col: 1 };
            issues.push({
                code: codes/* CODE */.Sq.yamlSyntax,
                file,
                line: at.line,
                column: at.col,
                key: '',
                message: `the document cannot be expanded: ${firstSentence(error instanceof Error ? error.message : String(error))}`,
                hint: 'use fewer YAML aliases (*name); write the values out instead of nesting aliases of aliases',
                severity: 'error',
            });
        }
    }
    const empty = doc.contents === null || ((0,dist/* isScalar */.jn)(doc.contents) && doc.contents.value === null);
    return { source: { file, doc, lineCounter, value, empty }, issues };
}
function firstSentence(message) {
    const cut = message.split(/ at line \d+, column \d+/)[0] ?? message;
    return cut.trim().replace(/^./, (c) => c.toLowerCase());
}
function syntaxHint(code) {
    switch (code) {
        case 'DUPLICATE_KEY':
            return 'remove one of the two entries; YAML keeps only the last, which hides mistakes';
        case 'TAB_AS_INDENT':
            return 'YAML indentation must use spaces; replace the tab with spaces';
        default:
            return 'fix the YAML syntax at this position (check indentation, quotes and brackets)';
    }
}
function lastSegment(path) {
    const parts = path.split('.');
    return parts[parts.length - 1] ?? path;
}
/** Dotted key path of the map key that starts at `offset`. */
function keyPathAtOffset(doc, offset) {
    const found = walkForKey(doc.contents, offset, []);
    return found ? found.join('.') : '';
}
function walkForKey(node, offset, path) {
    if ((0,dist/* isMap */.jh)(node)) {
        for (const pair of node.items) {
            const keyNode = pair.key;
            const name = (0,dist/* isScalar */.jn)(keyNode) ? String(keyNode.value) : String(keyNode);
            if (keyNode?.range && keyNode.range[0] === offset)
                return [...path, name];
            const inner = walkForKey(pair.value, offset, [...path, name]);
            if (inner)
                return inner;
        }
    }
    else if ((0,dist/* isSeq */.oP)(node)) {
        for (const [index, item] of node.items.entries()) {
            const inner = walkForKey(item, offset, [...path, index]);
            if (inner)
                return inner;
        }
    }
    return undefined;
}
/**
 * Position of the node at `path`: the value, or with `at: 'key'` the key
 * itself. When the path does not exist (a missing key, or a value mapped from
 * an older layout) the deepest existing ancestor is used.
 */
function positionOf(source, path, at = 'value') {
    let node = source.doc.contents;
    let best = node ? offsetPosition(source, node) : FILE_START;
    for (const [index, segment] of path.entries()) {
        const next = childOf(node, segment);
        if (!next)
            return best;
        const isLast = index === path.length - 1;
        node = next.value;
        // A map or list is shown where its key is: that is the line users look for.
        const preferKey = (at === 'key' && isLast) || (0,dist/* isCollection */.P3)(next.value);
        const target = preferKey ? (next.keyNode ?? next.value) : (next.value ?? next.keyNode);
        best = target ? offsetPosition(source, target) : best;
    }
    return best;
}
function childOf(node, segment) {
    if ((0,dist/* isMap */.jh)(node)) {
        const pair = node.items.find((item) => (0,dist/* isPair */.tO)(item) && keyName(item.key) === String(segment));
        return pair ? { keyNode: pair.key, value: pair.value } : undefined;
    }
    if ((0,dist/* isSeq */.oP)(node) && typeof segment === 'number') {
        const item = node.items[segment];
        return item === undefined ? undefined : { value: item };
    }
    return undefined;
}
function keyName(key) {
    return (0,dist/* isScalar */.jn)(key) ? String(key.value) : String(key);
}
function offsetPosition(source, node) {
    const range = node.range;
    if (!range)
        return FILE_START;
    const pos = source.lineCounter.linePos(range[0]);
    return { line: pos.line, column: pos.col };
}

// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
;// CONCATENATED MODULE: ./src/plan/compose-ignored.ts
/**
 * Whether a path compose needs is left out of the bundle by the ignore
 * rules: the bundle walk (bundle/select-files.ts) skips an ignored folder
 * with everything in it, so each folder between the upload's root and the
 * path is checked, project-relative against the default excludes and the
 * project's rules (.spotignore, else .gitignore) and upload-relative against
 * the upload's own `exclude`. An upload naming the path itself always
 * bundles it. Pure: the caller says whether the path is a folder.
 */



const covers = (upload, wanted) => upload.source === '.' || wanted === upload.source || wanted.startsWith(`${upload.source}/`);
/** What skips `wanted` inside one upload (a folder on the way or the path itself), or undefined. */
function skipInside(upload, wanted, isDirectory, project) {
    const own = ignore_default()().add(upload.exclude);
    const parts = (upload.source === '.' ? wanted : external_node_path_default().posix.relative(upload.source, wanted)).split('/');
    for (let index = 0; index < parts.length; index += 1) {
        const rel = parts.slice(0, index + 1).join('/');
        const suffix = index < parts.length - 1 || isDirectory ? '/' : '';
        if (project.rules.ignores((upload.source === '.' ? rel : `${upload.source}/${rel}`) + suffix))
            return project.label;
        if (own.ignores(rel + suffix))
            return "the upload's exclude";
    }
    return undefined;
}
/** The rules that leave `wanted` out of every upload covering it, or undefined when one bundles it. */
function ignoredBy(uploads, wanted, isDirectory, bundleIgnore) {
    const rules = ignore_default()()
        .add([...paths/* DEFAULT_EXCLUDES */.Wg])
        .add(bundleIgnore?.rules ?? '');
    const project = { rules, label: bundleIgnore?.file ?? 'the default excludes' };
    let reason;
    for (const upload of uploads.filter((candidate) => covers(candidate, wanted))) {
        if (upload.source === wanted)
            return undefined; // named itself: bundled whatever the rules say
        reason = skipInside(upload, wanted, isDirectory, project);
        if (reason === undefined)
            return undefined;
    }
    return reason;
}

;// CONCATENATED MODULE: ./src/plan/compose-refs.ts
const asRecord = (value) => value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
const isRelative = (value) => value === '.' || value === '..' || value.startsWith('./') || value.startsWith('../');
const isPath = (value) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith('/') && !value.startsWith('~');
/** Every path a compose document refers to, in document order. */
function composeRefs(value) {
    const refs = [];
    const doc = asRecord(value) ?? {};
    for (const [index, entry] of asList(doc.include).entries()) {
        const file = typeof entry === 'string' ? entry : asRecord(entry)?.path;
        for (const [n, one] of asList(file).entries()) {
            if (typeof one === 'string')
                refs.push({ path: one, key: ['include', index, ...(Array.isArray(file) ? [n] : [])], required: true });
        }
    }
    for (const [name, service] of Object.entries(asRecord(doc.services) ?? {}))
        serviceRefs(name, asRecord(service) ?? {}, refs);
    for (const section of ['secrets', 'configs']) {
        for (const [name, entry] of Object.entries(asRecord(doc[section]) ?? {})) {
            const file = asRecord(entry)?.file;
            if (typeof file === 'string')
                refs.push({ path: file, key: [section, name, 'file'], required: true });
        }
    }
    return refs.filter((ref) => isPath(ref.path));
}
function serviceRefs(name, service, refs) {
    const at = ['services', name];
    const build = service.build;
    if (typeof build === 'string')
        refs.push({ path: build, key: [...at, 'build'], required: true });
    const buildMap = asRecord(build);
    if (buildMap) {
        const context = typeof buildMap.context === 'string' ? buildMap.context : '.';
        if (typeof buildMap.context === 'string')
            refs.push({ path: context, key: [...at, 'build', 'context'], required: true });
        if (typeof buildMap.dockerfile === 'string' && !buildMap.dockerfile.startsWith('/')) {
            refs.push({ path: `${context.replace(/\/+$/, '')}/${buildMap.dockerfile}`, key: [...at, 'build', 'dockerfile'], required: true });
        }
    }
    const envFile = service.env_file;
    for (const [index, entry] of asList(envFile).entries()) {
        const record = asRecord(entry);
        const file = typeof entry === 'string' ? entry : record?.path;
        const key = Array.isArray(envFile) ? [...at, 'env_file', index] : [...at, 'env_file'];
        if (typeof file === 'string')
            refs.push({ path: file, key, required: record?.required !== false });
    }
    const extendsFile = asRecord(service.extends)?.file;
    if (typeof extendsFile === 'string')
        refs.push({ path: extendsFile, key: [...at, 'extends', 'file'], required: true });
    for (const [index, volume] of asList(service.volumes).entries()) {
        const source = typeof volume === 'string' ? shortSource(volume) : bindSource(asRecord(volume));
        if (source !== undefined && isRelative(source))
            refs.push({ path: source, key: [...at, 'volumes', index], required: false });
    }
}
/** `./data:/data:ro` → `./data`; a named volume or anonymous one → undefined. */
function shortSource(volume) {
    const parts = volume.split(':');
    return parts.length >= 2 ? parts[0] : undefined;
}
function bindSource(volume) {
    return volume?.type === 'bind' && typeof volume.source === 'string' ? volume.source : undefined;
}
const asList = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
/** Host ports published by `ports:` (short `[ip:]host:container[/proto]` or long `{published, protocol}`). */
function publishedPorts(value) {
    const ports = [];
    for (const [name, service] of Object.entries(asRecord(asRecord(value)?.services) ?? {})) {
        for (const [index, entry] of asList(asRecord(service)?.ports).entries()) {
            const key = ['services', name, 'ports', index];
            const long = asRecord(entry);
            const [spec, protocol] = long
                ? [String(long.published ?? ''), long.protocol === 'udp' ? 'udp' : 'tcp']
                : String(entry).split('/').concat('tcp').slice(0, 2);
            const parts = long ? [spec] : (spec ?? '').split(':');
            const host = long ? spec : parts.length >= 2 ? parts[parts.length - 2] : undefined;
            const first = Number((host ?? '').split('-')[0]);
            if (Number.isInteger(first) && first > 0)
                ports.push({ port: first, protocol: protocol === 'udp' ? 'udp' : 'tcp', key });
        }
    }
    return ports;
}

;// CONCATENATED MODULE: ./src/plan/compose-closure.ts
/**
 * The bundle closure of a compose file: its folder goes into the bundle (so
 * build contexts and bind mounts beside it come along), a `.env` beside it
 * travels as a secret (0600), and every other path it refers to must land
 * on the instance where compose will look for it, else it is refused with
 * the compose file, line, column and key that needs it.
 */







const compose_closure_covers = (upload, wanted) => upload.source === '.' || wanted === upload.source || wanted.startsWith(`${upload.source}/`);
/**
 * Adds what the compose file needs to `input.uploads`, and reports what
 * cannot be bundled. Returns the host ports the compose file publishes.
 */
function addComposeClosure(input) {
    const { compose, target, uploads, context } = input;
    const folder = external_node_path_default().posix.dirname(compose);
    if (!uploads.some((upload) => !upload.secret && compose_closure_covers(upload, compose))) {
        uploads.push({ source: folder, dest: external_node_path_default().posix.join(target, folder), exclude: [], secret: false });
    }
    const instanceFolder = external_node_path_default().posix.dirname((0,paths/* instancePath */.VM)({ target, uploads }, compose));
    const dotEnv = external_node_path_default().posix.join(folder, '.env');
    if ((0,external_node_fs_.existsSync)(external_node_path_default().join(context.projectRoot, dotEnv)) && !uploads.some((upload) => upload.secret && compose_closure_covers(upload, dotEnv))) {
        uploads.push({ source: dotEnv, dest: external_node_path_default().posix.join(instanceFolder, '.env'), mode: '0600', owner: 'root', exclude: [], secret: true });
    }
    const parsed = readCompose(input);
    if (!parsed)
        return [];
    for (const ref of composeRefs(parsed.source.value)) {
        const where = (code, message, hint) => report(input, { at: positionOf(parsed.source, ref.key), key: ref.key, code, message: `${compose}: ${message}`, hint });
        const relative = external_node_path_default().posix.normalize(external_node_path_default().posix.join(folder, ref.path));
        if (relative === '..' || relative.startsWith('../')) {
            where(codes/* CODE */.Sq.pathEscape, `${ref.key.join('.')} "${ref.path}" is outside the project`, 'move it into the project; only project files can be bundled');
            continue;
        }
        if (!(0,external_node_fs_.existsSync)(external_node_path_default().join(context.projectRoot, relative))) {
            if (ref.required) {
                where(codes/* CODE */.Sq.missingSource, `${ref.key.join('.')} "${ref.path}" does not exist`, `create ${relative}, or correct the path (relative to ${folder})`);
            }
            continue;
        }
        const wanted = external_node_path_default().posix.join(instanceFolder, ref.path);
        if (!uploads.some((upload) => compose_closure_covers(upload, relative))) {
            uploads.push({ source: relative, dest: wanted, exclude: [], secret: false });
        }
        // A bind mount left out on purpose (a data folder) is created empty by compose; anything required must be bundled.
        const isFolder = (0,external_node_fs_.statSync)(external_node_path_default().join(context.projectRoot, relative)).isDirectory();
        const skippedBy = ref.required ? ignoredBy(uploads, relative, isFolder, context.bundleIgnore) : undefined;
        if (skippedBy) {
            where(codes/* CODE */.Sq.missingSource, `${ref.key.join('.')} "${ref.path}" is left out of the bundle by ${skippedBy}, so compose would not find it on the instance`, `bundle it: in ${skippedBy}, remove the rule that matches ${relative}${isFolder ? '/' : ''} or add !${relative}${isFolder ? '/' : ''} after it`);
            continue;
        }
        const lands = (0,paths/* instancePath */.VM)({ target, uploads }, relative);
        if (lands !== wanted) {
            where(codes/* CODE */.Sq.missingSource, `${ref.key.join('.')} "${ref.path}" lands at ${lands} on the instance, but compose looks for it at ${wanted}`, `upload ${relative} to ${wanted}, or keep it beside ${compose}`);
        }
    }
    return publishedPorts(parsed.source.value).map((port) => ({ ...port, ...positionOf(parsed.source, port.key) }));
}
function readCompose(input) {
    const absolute = external_node_path_default().join(input.context.projectRoot, input.compose);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(absolute, 'utf8');
    }
    catch (error) {
        const code = error.code;
        // A missing file is reported by checkDeployment; anything else is reported here.
        if (code !== 'ENOENT' && code !== 'EISDIR') {
            input.context.issues.add({
                code: codes/* CODE */.Sq.invalidValue,
                file: input.compose,
                line: 1,
                column: 1,
                key: 'compose',
                message: `${input.compose} cannot be read: ${code ?? String(error)}`,
                hint: 'check the file permissions (the deployer needs to read it)',
                severity: 'error',
            });
        }
        return undefined;
    }
    const { source, issues } = parseYamlSource(input.compose, text);
    input.context.issues.add(...issues);
    return issues.length > 0 ? undefined : { source };
}
function report(input, issue) {
    input.context.issues.add({
        code: issue.code,
        file: input.compose,
        line: issue.at.line,
        column: issue.at.column,
        key: issue.key.join('.'),
        message: issue.message,
        hint: issue.hint,
        severity: 'error',
    });
}

;// CONCATENATED MODULE: ./src/plan/build-manifest.ts







const DEFAULT_SCRIPT_TIMEOUT_SECONDS = 1800;

/**
 * Maps a validated deployment.yaml value (or the convention scan's) to the
 * Manifest. Paths of scripts, unit files and the compose file stay
 * project-relative (plan/types.ts); the bundle stage maps them onto the
 * instance through the uploads.
 */
function buildManifest(file, context) {
    const target = file.target ?? convention/* DEFAULT_TARGET */.Kv;
    const uploads = (file.uploads ?? []).map((entry, index) => toSource(entry, ['uploads', index], false, context));
    const secrets = (file.secrets ?? []).map((entry, index) => toSource(entry, ['secrets', index], true, context));
    const all = [...uploads, ...secrets];
    const scripts = (file.scripts ?? []).map((entry, index) => toScript(entry, index, { target, all, context }));
    const services = (file.services ?? []).map((entry, index) => toService(entry, index, context));
    // A unit file no upload covers is bundled where instancePath() will look for it.
    for (const service of services)
        if (service.file !== undefined)
            ensureBundled(service.file, { target, all, context });
    const compose = file.compose === undefined ? undefined : (0,paths/* normaliseSource */.M5)(file.compose);
    const composePorts = compose === undefined
        ? []
        : addComposeClosure({ compose, target, uploads: all, context }).map((port) => ({
            port: port.port,
            protocol: port.protocol,
            key: port.key.join('.'),
            line: port.line ?? 1,
            column: port.column ?? 1,
        }));
    return {
        target,
        packages: file.packages ?? [],
        env: stringMap(file.env),
        uploads: all,
        scripts,
        services,
        ...(compose === undefined ? {} : { compose }),
        ...(composePorts.length === 0 ? {} : { composePorts }),
        tarballs: toTarballs(file, target),
        hooks: {
            preInstall: build_manifest_asList(file.hooks?.pre_install),
            postInstall: build_manifest_asList(file.hooks?.post_install),
            onFailure: build_manifest_asList(file.hooks?.on_failure),
        },
        template: file.template ?? 'minimal',
    };
}
function toSource(entry, at, secret, context) {
    const source = (0,paths/* normaliseSource */.M5)(entry.source);
    if (entry.dest !== undefined && entry.destination !== undefined && entry.dest !== entry.destination) {
        context.issues.report(context.locator, [...at, 'destination'], codes/* CODE */.Sq.invalidValue, 'dest and destination disagree', {
            at: 'key',
            hint: 'destination is an alias of dest; keep one of them',
        });
    }
    const dest = entry.dest ?? entry.destination;
    if (dest === undefined) {
        context.issues.report(context.locator, at, codes/* CODE */.Sq.missingValue, 'dest is required', {
            key: [...at, 'dest'].join('.'),
            hint: `add dest: the absolute path on the instance, e.g. dest: /opt/${external_node_path_default().posix.basename(source)}`,
        });
    }
    const mode = entry.permissions ?? (secret ? secretMode(context.projectRoot, source) : undefined);
    const owner = entry.owner ?? (secret ? 'root' : undefined);
    return {
        source,
        dest: (dest ?? '').replace(/\/+$/, '') || '/',
        ...(mode === undefined ? {} : { mode }),
        ...(owner === undefined ? {} : { owner }),
        exclude: entry.exclude ?? [],
        secret,
    };
}
function secretMode(root, source) {
    try {
        return (0,external_node_fs_.statSync)(external_node_path_default().join(root, source)).isDirectory() ? '0700' : '0600';
    }
    catch {
        return '0600';
    }
}
/**
 * A script or unit file named by path must be in the bundle: when no
 * upload covers it, an upload to `<target>/<path>` is added — where the
 * bundle stage's instancePath() looks for files that no upload covers.
 */
function ensureBundled(projectPath, where) {
    const wanted = (0,paths/* normaliseSource */.M5)(projectPath);
    const covered = where.all.some((upload) => !upload.secret && (upload.source === '.' || wanted === upload.source || wanted.startsWith(`${upload.source}/`)));
    if (!covered) {
        const dest = external_node_path_default().posix.join(where.target, wanted);
        where.all.push({ source: wanted, dest, exclude: [], secret: false });
    }
}
function toScript(entry, index, where) {
    const { context, target } = where;
    const base = {
        workingDir: target,
        user: 'root',
        env: {},
        timeoutSeconds: DEFAULT_SCRIPT_TIMEOUT_SECONDS,
    };
    if (typeof entry === 'string')
        return { ...base, command: entry };
    const at = ['scripts', index];
    if ((entry.command === undefined) === (entry.path === undefined)) {
        context.issues.report(context.locator, at, codes/* CODE */.Sq.invalidValue, 'a script needs exactly one of command or path', {
            hint: 'command: runs a shell command; path: runs a script file of the project',
        });
    }
    if (entry.path !== undefined)
        ensureBundled(entry.path, where);
    return {
        ...(entry.path === undefined ? { command: entry.command ?? '' } : { path: (0,paths/* normaliseSource */.M5)(entry.path) }),
        workingDir: entry.working_dir ?? target,
        user: entry.user ?? 'root',
        env: stringMap(entry.env),
        timeoutSeconds: timeoutSeconds(entry.timeout, [...at, 'timeout'], context) ?? DEFAULT_SCRIPT_TIMEOUT_SECONDS,
    };
}
function toTarballs(file, target) {
    const list = file.tarball === undefined ? [] : Array.isArray(file.tarball) ? file.tarball : [file.tarball];
    return list.map((entry) => ({
        url: entry.url,
        sha256: entry.checksum.replace(/^sha256:/i, '').toLowerCase(),
        extractTo: entry.extract_to ?? target,
    }));
}
const build_manifest_asList = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const stringMap = (map) => Object.fromEntries(Object.entries(map ?? {}).map(([key, value]) => [key, String(value)]));

// EXTERNAL MODULE: ./src/plan/build-plan.ts + 1 modules
var build_plan = __webpack_require__(1292);
// EXTERNAL MODULE: ./src/config/check-config.ts
var check_config = __webpack_require__(8317);
// EXTERNAL MODULE: ./src/config/instance-types.ts
var instance_types = __webpack_require__(1495);
;// CONCATENATED MODULE: ./src/plan/check-architecture.ts
/**
 * A check that needs the Plan: every instance type, after inputs override the
 * config, must match the architecture (or, unset, each other).
 */



/** Every type's architecture must match `architecture` (or, unset, each other). */
function checkArchitecture(check, plan) {
    const explicit = check.config.architecture;
    const fromInput = check.overrides.instanceTypes !== undefined;
    for (const [regionIndex, region] of plan.regions.entries()) {
        const perRegion = !fromInput && typeof check.config.regions?.[regionIndex] === 'object';
        const base = perRegion && (check.config.regions?.[regionIndex]).instance_types
            ? ['regions', regionIndex, 'instance_types']
            : ['instance_types'];
        for (const [index, type] of region.instanceTypes.entries()) {
            const arch = (0,instance_types/* architectureOf */.N)(type);
            if (arch === undefined || arch === plan.architecture)
                continue;
            const why = explicit ? `architecture is ${plan.architecture}` : `${region.instanceTypes[0]} is ${plan.architecture}`;
            const message = `${type} is an ${arch} type but ${why}`;
            const hint = !explicit
                ? 'use types of one architecture, or set architecture and pick types that match it'
                : arch === 'arm64'
                    ? 'set architecture: arm64, or use x86_64 types such as t3.small'
                    : 'set architecture: x86_64, or use Graviton types such as t4g.small';
            if (fromInput)
                check.issues.add({
                    code: codes/* CODE */.Sq.archMismatch,
                    file: check_config/* INPUT_FILE */.o,
                    line: 1,
                    column: 1,
                    key: 'instance-types',
                    message,
                    hint,
                    severity: 'error',
                });
            else
                check.issues.report(check.locator, [...base, index], codes/* CODE */.Sq.archMismatch, message, { hint });
            return;
        }
    }
}

;// CONCATENATED MODULE: ./src/plan/check-compose.ts
/**
 * Checks of a compose deployment against the config: ports it publishes
 * that the security group keeps closed (a notice), and images whose Docker
 * has no compose plugin (refused: see docs/configuration.md, "Compose").
 */

/**
 * AL2023 by its short name or by the public SSM parameters AWS publishes its
 * images under (`al2023` resolves to one of them). An `ami-…` or another
 * `ssm:` path is not known to be AL2023 before the launch, so it passes.
 */
function isAl2023(image) {
    return image === 'al2023' || image.startsWith('ssm:/aws/service/ami-amazon-linux-latest/al2023-');
}
function checkCompose(plan, where) {
    const { compose, composePorts = [] } = plan.manifest;
    if (compose === undefined)
        return;
    const al2023 = plan.regions.find((region) => isAl2023(region.image));
    if (al2023) {
        where.issues.report(where.locator, ['compose'], codes/* CODE */.Sq.invalidValue, `compose runs with Docker's compose plugin, which Amazon Linux 2023 does not ship (image ${al2023.image} in ${al2023.name})`, {
            hint: 'use image: ubuntu-24.04 (the default) for compose projects; on al2023 install Docker and the plugin in a script and run compose from it',
        });
    }
    for (const published of composePorts) {
        const open = plan.network.ingress.some((rule) => rule.port === published.port && rule.protocol === published.protocol);
        if (open)
            continue;
        where.issues.add({
            code: codes/* CODE */.Sq.portNotOpen,
            file: compose,
            line: published.line,
            column: published.column,
            key: published.key,
            message: `${published.key} publishes port ${published.port}/${published.protocol}, which no network.ingress rule opens`,
            hint: `to reach it from outside, add to .spot/config.yaml: network: {ingress: [{port: ${published.port}, cidr: <your range>}]}`,
            severity: 'warning',
        });
    }
}

;// CONCATENATED MODULE: ./src/plan/check-links.ts
/**
 * Symlinks inside uploaded folders that point outside their upload: the
 * bundle stage refuses them (bundle/paths.ts checkedLinkTarget); finding
 * them here as well lets `validate`, which builds no bundle, say so first.
 * The walk skips what the bundle would skip (default excludes, the
 * project's ignore rules, the upload's own `exclude`).
 */





function checkUploadLinks(plan, issues) {
    const projectIgnore = ignore_default()()
        .add([...paths/* DEFAULT_EXCLUDES */.Wg])
        .add(plan.bundleIgnore.rules);
    for (const [index, upload] of plan.manifest.uploads.entries()) {
        const rootAbs = external_node_path_default().join(plan.projectRoot, upload.source);
        let stats;
        try {
            stats = (0,external_node_fs_.lstatSync)(rootAbs);
        }
        catch {
            continue; // a missing source is reported by the source checks
        }
        if (!stats.isDirectory())
            continue;
        const walk = {
            rootAbs,
            source: upload.source,
            projectIgnore,
            uploadIgnore: ignore_default()().add(upload.exclude),
            key: `uploads.${index}.source`,
        };
        const found = escapingLink(walk, '');
        if (!found)
            continue;
        issues.add({
            code: codes/* CODE */.Sq.pathEscape,
            file: found.projectPath,
            line: 1,
            column: 1,
            key: walk.key,
            message: `symlink "${found.projectPath}" points outside the upload (to "${found.target}")`,
            hint: 'replace the link with the file itself, make it relative inside the uploaded folder, or exclude it in .spotignore',
            severity: 'error',
        });
    }
}
/** The first escaping link under `rel` (sorted walk), if any. */
function escapingLink(walk, rel) {
    const dir = external_node_path_default().join(walk.rootAbs, rel);
    for (const name of (0,external_node_fs_.readdirSync)(dir).sort()) {
        const childRel = rel === '' ? name : `${rel}/${name}`;
        const abs = external_node_path_default().join(dir, name);
        const stats = (0,external_node_fs_.lstatSync)(abs);
        const suffix = stats.isDirectory() ? '/' : '';
        const projectPath = external_node_path_default().posix.join(walk.source, childRel);
        if (walk.projectIgnore.ignores(projectPath + suffix) || walk.uploadIgnore.ignores(childRel + suffix))
            continue;
        if (stats.isSymbolicLink()) {
            const target = (0,external_node_fs_.readlinkSync)(abs);
            const resolved = external_node_path_default().posix.normalize(external_node_path_default().posix.join(external_node_path_default().posix.dirname(childRel), target));
            if (target.startsWith('/') || resolved === '..' || resolved.startsWith('../'))
                return { projectPath, target };
        }
        else if (stats.isDirectory()) {
            const inner = escapingLink(walk, childRel);
            if (inner)
                return inner;
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/config/check-paths.ts



const isInside = (child, parent) => child === parent || child.startsWith(parent.endsWith((external_node_path_default()).sep) ? parent : parent + (external_node_path_default()).sep);
/**
 * Checks that a project-relative source is relative, has no `..`, exists,
 * and does not resolve (through symlinks) outside the project. Returns its
 * stats when it is usable.
 */
function checkSource(source, at, check) {
    const { issues, locator } = check;
    if (external_node_path_default().posix.isAbsolute(source) || external_node_path_default().win32.isAbsolute(source)) {
        issues.report(locator, at, codes/* CODE */.Sq.pathEscape, `source "${source}" is an absolute path`, {
            hint: 'name sources relative to the project root, e.g. deployment/app; files outside the project cannot be bundled',
        });
        return undefined;
    }
    if (source.split(/[\\/]/).includes('..')) {
        issues.report(locator, at, codes/* CODE */.Sq.pathEscape, `source "${source}" leaves the project with ".."`, {
            hint: 'sources must stay inside the project; move the file into it',
        });
        return undefined;
    }
    const absolute = external_node_path_default().join(check.root, source);
    let stats;
    try {
        stats = (0,external_node_fs_.lstatSync)(absolute);
    }
    catch {
        issues.report(locator, at, codes/* CODE */.Sq.missingSource, `source "${source}" does not exist`, {
            hint: 'check the spelling; paths are relative to the project root',
        });
        return undefined;
    }
    return followInside(source, absolute, stats, at, check);
}
function followInside(source, absolute, stats, at, check) {
    let real;
    try {
        real = (0,external_node_fs_.realpathSync)(absolute);
    }
    catch {
        check.issues.report(check.locator, at, codes/* CODE */.Sq.missingSource, `source "${source}" is a broken symlink`, {
            hint: 'point the link at an existing file inside the project, or remove it',
        });
        return undefined;
    }
    if (!isInside(real, (0,external_node_fs_.realpathSync)(check.root))) {
        check.issues.report(check.locator, at, codes/* CODE */.Sq.pathEscape, `source "${source}" is a symlink that leaves the project`, {
            hint: 'copy the file into the project instead of linking to it',
        });
        return undefined;
    }
    return stats.isSymbolicLink() ? (0,external_node_fs_.statSync)(absolute) : stats;
}
/** Destinations and working folders on the instance: absolute, no `..`. */
function checkInstancePath(value, at, check, what) {
    if (!value.startsWith('/')) {
        check.issues.report(check.locator, at, codes/* CODE */.Sq.invalidValue, `${what} "${value}" must be an absolute path on the instance`, {
            hint: `start it with /, e.g. /opt/${external_node_path_default().posix.basename(value) || 'app'}`,
        });
    }
    else if (value.split('/').includes('..')) {
        check.issues.report(check.locator, at, codes/* CODE */.Sq.pathEscape, `${what} "${value}" contains ".."`, {
            hint: 'write the destination without .. segments',
        });
    }
}

;// CONCATENATED MODULE: ./src/config/check-unit.ts
/** Units the agent itself runs inside: a unit that waits for them waits for itself. */
const BOOT_UNITS = /(^|\s)(cloud-init\.target|cloud-final\.service)(\s|$)/;
const ORDERING = /^(After|Requires|Wants|BindsTo|Requisite)\s*=\s*(.*)$/;
const SECTION = /^\[([A-Za-z][A-Za-z0-9 _-]*)\]$/;
const ASSIGNMENT = /^[A-Za-z0-9_.-]+\s*=/;
function checkUnitText(text) {
    const lines = text.split(/\r?\n/);
    const sections = new Set();
    let continued = false;
    let inSection = false;
    for (const [index, raw] of lines.entries()) {
        const line = raw.trim();
        const wasContinued = continued;
        continued = line.endsWith('\\');
        if (wasContinued || line === '' || line.startsWith('#') || line.startsWith(';'))
            continue;
        const section = SECTION.exec(line);
        if (section) {
            sections.add(section[1]);
            inSection = true;
            continue;
        }
        if (!ASSIGNMENT.test(line))
            return {
                line: index + 1,
                message: `line ${index + 1} is neither [Section] nor Key=value`,
            };
        if (!inSection)
            return {
                line: index + 1,
                message: `line ${index + 1} comes before any [Section]`,
            };
        const ordering = ORDERING.exec(line);
        const boot = ordering ? BOOT_UNITS.exec(ordering[2]) : null;
        if (ordering && boot)
            return {
                line: index + 1,
                message: `line ${index + 1} (${ordering[1]}=) waits for ${boot[2]}, which waits for this deployment: the boot would deadlock`,
                hint: `remove ${boot[2]} from ${ordering[1]}=; the deployer starts the service itself once the bundle is in place`,
            };
    }
    if (!sections.has('Service'))
        return { line: 1, message: 'has no [Service] section' };
    return undefined;
}

// EXTERNAL MODULE: ./src/config/env-names.ts
var env_names = __webpack_require__(1572);
;// CONCATENATED MODULE: ./src/config/check-instance.ts
/**
 * Checks of what the instance can actually do with a deployment: each
 * refusal here replaces a failure that would otherwise only show up on the
 * instance, minutes after launch (docs/configuration.md, "Refused at validate").
 */


/** A tarball URL the instance can fetch without credentials and unpack with tar. */
function checkTarballUrl(url, at, check) {
    const { issues, locator } = check;
    if (url.startsWith('s3://')) {
        issues.report(locator, at, codes/* CODE */.Sq.badUrl, `tarball url "${url}" is an s3:// URL, which the instance has no credentials to read`, {
            hint: 'give an https:// URL: for a private object, a presigned URL (aws s3 presign s3://bucket/key), or put the file in the project to bundle it',
        });
        return;
    }
    if (!/^https:\/\/[^\s/]+\S*$/.test(url)) {
        issues.report(locator, at, codes/* CODE */.Sq.badUrl, `tarball url "${url}" must start with https://`, {
            hint: 'plain http is refused because the download would not be authenticated; use https://',
        });
        return;
    }
    const path = url.replace(/[?#].*$/, '');
    if (/\.zip$/i.test(path)) {
        issues.report(locator, at, codes/* CODE */.Sq.badUrl, `tarball url "${url}" is a .zip, which the instance's tar cannot unpack`, {
            hint: 'publish a .tar.gz (or .tgz, .tar.xz) of the same files, or unzip it in a script',
        });
    }
}
/** Env names bash keeps, service names that leave /etc/systemd/system. */
function checkForInstance(file, check) {
    checkEnvNames(file.env, ['env'], check);
    for (const [index, entry] of (file.scripts ?? []).entries()) {
        if (typeof entry === 'object')
            checkEnvNames(entry.env, ['scripts', index, 'env'], check);
    }
    for (const [index, entry] of (file.services ?? []).entries()) {
        const name = entry.name;
        if (name === undefined || (!name.includes('/') && !name.split('.').includes('') && !name.includes('..')))
            continue;
        check.issues.report(check.locator, ['services', index, 'name'], codes/* CODE */.Sq.invalidValue, `service name "${name}" is not a unit name`, {
            hint: 'a unit name has no / and no ..; it becomes /etc/systemd/system/<name>.service, e.g. name: web',
        });
    }
}
function checkEnvNames(env, at, check) {
    for (const name of Object.keys(env ?? {})) {
        if (!(0,env_names/* isShellReservedName */.A)(name))
            continue;
        check.issues.report(check.locator, [...at, name], codes/* CODE */.Sq.badEnvName, `env name "${name}" is one bash keeps for itself`, {
            at: 'key',
            hint: `choose another name, e.g. APP_${name}; the agent and your scripts run in bash, which refuses to set ${name}`,
        });
    }
}

;// CONCATENATED MODULE: ./src/config/check-deployment.ts







const PERMISSIONS_PATTERN = /^[0-7]{3,4}$/;
const NAME = '([a-z_][a-z0-9_-]*\\$?|[0-9]+)';
const OWNER_PATTERN = new RegExp(`^${NAME}(:${NAME})?$`);
const CHECKSUM_PATTERN = /^sha256:[0-9a-fA-F]{64}$/;
const BUILTIN_TEMPLATES = ['minimal', 'docker'];
/** Checks of deployment.yaml (or the convention scan) beyond types; all offline. */
function checkDeployment(file, check) {
    const target = file.target ?? convention/* DEFAULT_TARGET */.Kv;
    const seen = new Map();
    for (const kind of ['uploads', 'secrets']) {
        for (const [index, entry] of (file[kind] ?? []).entries())
            checkUpload(entry, [kind, index], { check, seen });
    }
    for (const [index, entry] of (file.scripts ?? []).entries())
        checkScript(entry, ['scripts', index], check);
    for (const [index, entry] of (file.services ?? []).entries())
        checkHealthUrl(entry, ['services', index, 'health', 'http'], check);
    for (const [index, entry] of (file.services ?? []).entries())
        checkService(entry, ['services', index], check);
    if (file.compose !== undefined)
        checkSource(file.compose, ['compose'], check);
    checkTarballs(file, check);
    checkForInstance(file, check);
    checkInstancePath(target, ['target'], check, 'target');
    if (file.template !== undefined && !BUILTIN_TEMPLATES.includes(file.template)) {
        checkSource(file.template, ['template'], check);
    }
}
function checkUpload(entry, at, ctx) {
    const { check } = ctx;
    checkSource(entry.source, [...at, 'source'], check);
    const destKey = entry.dest === undefined ? 'destination' : 'dest';
    const dest = entry.dest ?? entry.destination;
    if (dest !== undefined) {
        checkInstancePath(dest, [...at, destKey], check, 'dest');
        const normal = external_node_path_default().posix.normalize(dest).replace(/\/+$/, '');
        const earlier = ctx.seen.get(normal);
        if (earlier) {
            check.issues.report(check.locator, [...at, destKey], codes/* CODE */.Sq.duplicateDest, `dest ${dest} is also the destination of ${earlier}`, {
                hint: 'give each upload its own destination, or merge the two sources into one folder',
            });
        }
        else
            ctx.seen.set(normal, at.join('.'));
    }
    if (entry.permissions !== undefined && !PERMISSIONS_PATTERN.test(entry.permissions)) {
        check.issues.report(check.locator, [...at, 'permissions'], codes/* CODE */.Sq.badPermissions, `permissions "${entry.permissions}" is not an octal mode`, {
            hint: 'write the mode as a quoted octal string, e.g. permissions: "0644" or "0755"',
        });
    }
    if (entry.owner !== undefined && !OWNER_PATTERN.test(entry.owner)) {
        check.issues.report(check.locator, [...at, 'owner'], codes/* CODE */.Sq.badOwner, `owner "${entry.owner}" is not user or user:group`, {
            hint: 'e.g. owner: www-data or owner: app:app (lowercase names or numeric ids)',
        });
    }
}
function checkScript(entry, at, check) {
    if (typeof entry === 'string')
        return;
    if (entry.working_dir !== undefined)
        checkInstancePath(entry.working_dir, [...at, 'working_dir'], check, 'working_dir');
    if (entry.path === undefined)
        return;
    const stats = checkSource(entry.path, [...at, 'path'], check);
    if (!stats)
        return;
    if (!stats.isFile()) {
        check.issues.report(check.locator, [...at, 'path'], codes/* CODE */.Sq.badScript, `script "${entry.path}" is not a file`, {
            hint: 'point path at a script file; to run several, list each one',
        });
    }
    else if ((stats.mode & 0o111) === 0) {
        check.issues.report(check.locator, [...at, 'path'], codes/* CODE */.Sq.badScript, `script "${entry.path}" is not executable`, {
            severity: 'warning',
            hint: `run chmod +x ${entry.path} (and commit the mode); scripts ending in .sh still run with bash`,
        });
    }
}
function checkHealthUrl(entry, at, check) {
    const url = entry.health?.http;
    if (url === undefined || /^https?:\/\/[^\s/]+/.test(url))
        return;
    check.issues.report(check.locator, at, codes/* CODE */.Sq.invalidValue, `health.http "${url}" is not an http(s) URL`, {
        hint: 'the instance polls it itself, e.g. http: http://localhost:8080/healthz',
    });
}
function checkService(entry, at, check) {
    let text = entry.unit;
    let unitFile;
    if (entry.file !== undefined) {
        const stats = checkSource(entry.file, [...at, 'file'], check);
        if (!stats)
            return;
        if (!stats.isFile()) {
            check.issues.report(check.locator, [...at, 'file'], codes/* CODE */.Sq.badUnit, `unit "${entry.file}" is not a file`, {
                hint: 'point file at a .service unit file',
            });
            return;
        }
        try {
            text = (0,external_node_fs_.readFileSync)(external_node_path_default().join(check.root, entry.file), 'utf8');
        }
        catch (error) {
            check.issues.report(check.locator, [...at, 'file'], codes/* CODE */.Sq.invalidValue, `unit "${entry.file}" cannot be read: ${errorCode(error)}`, {
                hint: 'check the file permissions (the deployer needs to read it)',
            });
            return;
        }
        unitFile = entry.file;
    }
    if (text === undefined)
        return;
    const problem = checkUnitText(text);
    if (!problem)
        return;
    const name = unitFile ?? entry.name ?? 'the inline unit';
    const issue = {
        code: codes/* CODE */.Sq.badUnit,
        key: [...at, unitFile ? 'file' : 'unit'].join('.'),
        message: `${name} ${problem.message}`,
        hint: problem.hint ?? 'a unit needs a [Service] section with at least ExecStart=…; see systemd.service(5)',
        severity: 'error',
    };
    if (unitFile)
        check.issues.add({
            ...issue,
            file: external_node_path_default().posix.normalize(unitFile),
            line: problem.line,
            column: 1,
        });
    else
        check.issues.report(check.locator, [...at, 'unit'], issue.code, issue.message, { hint: issue.hint });
}
const errorCode = (error) => error.code ?? String(error);
function checkTarballs(file, check) {
    if (file.tarball === undefined)
        return;
    const entries = Array.isArray(file.tarball)
        ? file.tarball.map((entry, index) => ({ entry, at: ['tarball', index] }))
        : [{ entry: file.tarball, at: ['tarball'] }];
    for (const { entry, at } of entries) {
        checkTarballUrl(entry.url, [...at, 'url'], check);
        if (!CHECKSUM_PATTERN.test(entry.checksum)) {
            check.issues.report(check.locator, [...at, 'checksum'], codes/* CODE */.Sq.badChecksum, `checksum must be sha256: and 64 hex digits, got "${entry.checksum}"`, {
                hint: 'compute it with sha256sum FILE and write checksum: "sha256:<the 64 hex digits>"',
            });
        }
        if (entry.extract_to !== undefined)
            checkInstancePath(entry.extract_to, [...at, 'extract_to'], check, 'extract_to');
    }
}

// EXTERNAL MODULE: ./src/config/find-root.ts
var find_root = __webpack_require__(6944);
// EXTERNAL MODULE: ./src/config/format-issues.ts
var format_issues = __webpack_require__(8956);
;// CONCATENATED MODULE: ./src/config/issues.ts

/** Locates keys inside a parsed YAML file. */
const yamlLocator = (source, prefix = []) => ({
    locate: (path, at) => ({
        file: source.file,
        ...positionOf(source, [...prefix, ...path], at),
    }),
});
/**
 * Locates keys of a configuration that came from files rather than YAML (the
 * `deployment/` convention): each key path maps to the file that produced it,
 * at line 1, column 1; unknown paths fall back to `fallback`.
 */
const fileLocator = (fallback, files = new Map()) => ({
    locate: (path) => {
        for (let length = path.length; length > 0; length -= 1) {
            const file = files.get(path.slice(0, length).join('.'));
            if (file)
                return { file, line: 1, column: 1 };
        }
        return { file: fallback, line: 1, column: 1 };
    },
});
/** Collects issues in the order they are found. */
class IssueList {
    items = [];
    add(...issues) {
        this.items.push(...issues);
    }
    report(locator, path, code, message, options = {}) {
        const where = locator.locate(path, options.at);
        this.items.push({
            code,
            ...where,
            key: options.key ?? path.join('.'),
            message,
            ...(options.hint === undefined ? {} : { hint: options.hint }),
            severity: options.severity ?? 'error',
        });
    }
    get hasErrors() {
        return this.items.some((issue) => issue.severity === 'error');
    }
    get warnings() {
        return this.items.filter((issue) => issue.severity === 'warning');
    }
}

// EXTERNAL MODULE: ./src/core/templates.ts
var templates = __webpack_require__(4576);
;// CONCATENATED MODULE: ./src/config/read-files.ts





/**
 * Reads and parses a project-relative YAML file. Undefined when it does not
 * exist; syntax problems and emptiness become issues.
 */
function readYamlFile(root, file, issues) {
    const absolute = external_node_path_default().join(root, file);
    if (!(0,external_node_fs_.existsSync)(absolute))
        return undefined;
    const at = { file, line: 1, column: 1, key: '', severity: 'error' };
    if (!(0,external_node_fs_.statSync)(absolute).isFile()) {
        issues.add({
            ...at,
            code: codes/* CODE */.Sq.invalidValue,
            message: `${file} is not a file`,
            hint: `remove the folder or rename it`,
        });
        return undefined;
    }
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(absolute, 'utf8');
    }
    catch (error) {
        issues.add({
            ...at,
            code: codes/* CODE */.Sq.invalidValue,
            message: `${file} cannot be read: ${error.code ?? String(error)}`,
            hint: 'check the file permissions (the deployer needs to read it), or remove the file',
        });
        return undefined;
    }
    const { source, issues: syntax } = parseYamlSource(file, text);
    issues.add(...syntax);
    if (syntax.length > 0)
        return undefined;
    if (source.empty) {
        issues.add({
            ...at,
            code: codes/* CODE */.Sq.emptyFile,
            message: `${file} is empty`,
            hint: emptyHint(file),
        });
        return undefined;
    }
    if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
        const { line, column } = source.doc.contents?.range ? toPos(source, source.doc.contents.range[0]) : { line: 1, column: 1 };
        issues.add({
            ...at,
            line,
            column,
            code: codes/* CODE */.Sq.invalidValue,
            message: `${file} must hold a map of settings (key: value lines)`,
            hint: 'see docs/configuration.md for the layout',
        });
        return undefined;
    }
    return source;
}
function toPos(source, offset) {
    const pos = source.lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
}
function emptyHint(file) {
    if (file.endsWith('cloud-init.yaml'))
        return 'add cloud-config keys (e.g. write_files, runcmd), or delete the file';
    return file.endsWith('deployment.yaml')
        ? 'describe what to install (uploads, scripts, services), or delete the file to use the deployment/ convention'
        : 'add at least regions and bucket, or delete the file and pass them as inputs';
}

;// CONCATENATED MODULE: ./src/plan/user-data-sources.ts
/**
 * Everything the user-data is made of, read and checked at plan time so the
 * render stage is a pure function of the Plan: the base template (built-in or
 * the project's own file), `.spot/cloud-init.yaml`, and the agent script.
 * A problem here is a config issue naming the file and line, never a crash
 * at deploy time.
 */






const CLOUD_INIT_FILE = '.spot/cloud-init.yaml';
const AGENT_TEMPLATE = 'bootstrap.sh';
const LOADER_TEMPLATE = 'loader.sh';
/** Where the agent lives on the instance: a fragment may not write there. */
const AGENT_DIR = '/etc/spot-deployer/';
/**
 * Keys of a fragment that would break the bootstrap: module lists that can drop
 * the stage running the agent, a merge directive that changes how lists combine,
 * and a power state that reboots or stops the instance before it reports.
 */
const OWNED_KEYS = {
    cloud_init_modules: 'it decides which modules run, and the agent needs write_files',
    cloud_config_modules: 'it decides which modules run, and the agent needs them',
    cloud_final_modules: 'it decides which modules run, and the agent starts from runcmd (scripts_user)',
    merge_how: 'spot-deployer merges the fragment by its own documented rules',
    merge_type: 'spot-deployer merges the fragment by its own documented rules',
    power_state: 'it would stop or reboot the instance before the agent reports',
};
const isMap = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
function builtinTemplate(name) {
    const document = (0,dist/* parseDocument */.Tp)((0,templates/* readTemplate */.x)(`cloud-init/${name}.yaml`)).toJS();
    return isMap(document) ? document : {};
}
/** A template of the project's own: a path relative to the project root, read now. */
function projectTemplate(root, file, issues) {
    const source = readYamlFile(root, file, issues);
    if (source)
        checkFragmentKeys(source, issues);
    return isMap(source?.value) ? source.value : {};
}
function checkFragmentKeys(source, issues) {
    const value = source.value;
    const locator = yamlLocator(source);
    for (const [key, why] of Object.entries(OWNED_KEYS)) {
        if (key in value) {
            issues.report(locator, [key], codes/* CODE */.Sq.badTemplate, `${key} cannot be set in ${source.file}: ${why}`, {
                hint: `remove ${key}; put what it did into a script of .spot/deployment.yaml`,
            });
        }
    }
    const writeFiles = Array.isArray(value.write_files) ? value.write_files : [];
    for (const [index, entry] of writeFiles.entries()) {
        const path = isMap(entry) && typeof entry.path === 'string' ? entry.path : '';
        if (path.startsWith(AGENT_DIR)) {
            issues.report(locator, ['write_files', index, 'path'], codes/* CODE */.Sq.badTemplate, `${path} belongs to the spot-deployer agent`, {
                hint: `write your file somewhere else than ${AGENT_DIR}`,
            });
        }
    }
}
function readUserDataSources(root, template, issues) {
    const builtin = BUILTIN_TEMPLATES.includes(template);
    const fragment = readYamlFile(root, CLOUD_INIT_FILE, issues);
    if (fragment)
        checkFragmentKeys(fragment, issues);
    return {
        template: { name: template, document: builtin ? builtinTemplate(template) : projectTemplate(root, template, issues) },
        ...(fragment && isMap(fragment.value) ? { fragment: { file: CLOUD_INIT_FILE, document: fragment.value } } : {}),
        agentScript: (0,templates/* readTemplate */.x)(AGENT_TEMPLATE),
        loaderScript: (0,templates/* readTemplate */.x)(LOADER_TEMPLATE),
    };
}

// EXTERNAL MODULE: ./src/config/config-schema.ts
var config_schema = __webpack_require__(484);
// EXTERNAL MODULE: ./src/config/did-you-mean.ts
var did_you_mean = __webpack_require__(9255);
;// CONCATENATED MODULE: ./src/config/legacy.ts


/**
 * The original Python tool's layout, mapped onto version 1. Each old key
 * yields a deprecation warning naming its replacement; the old and new key
 * both set is an error, since it is unclear which one the user meant.
 */
const AWS_KEYS = {
    total_instances: ['instances'],
    instance_storage_gb: ['root_volume', 'size_gb'],
    tags: ['tags'],
    spot_price_limit: ['max_price'],
    ssh_key_name: ['ssh', 'key_name'],
    public_ssh_key_path: ['ssh', 'public_key_path'],
    username: ['ssh', 'username'],
};
const isDict = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
function mapLegacyConfig(value, locator, issues) {
    const result = { ...value };
    if ('aws' in result) {
        delete result.aws;
        mapAws(value.aws, result, locator, issues);
    }
    if (Array.isArray(result.regions)) {
        result.regions = result.regions.map((entry, index) => mapRegion(entry, index, locator, issues));
    }
    return result;
}
function mapAws(aws, result, locator, issues) {
    if (!isDict(aws)) {
        issues.report(locator, ['aws'], codes/* CODE */.Sq.invalidValue, 'aws must be a map (original layout)', {
            hint: 'move its settings to the top level; see docs/configuration.md',
        });
        return;
    }
    for (const [oldKey, oldValue] of Object.entries(aws)) {
        mapAwsKey(oldKey, oldValue, { result, locator, issues });
    }
}
function mapAwsKey(oldKey, oldValue, { result, locator, issues }) {
    const target = AWS_KEYS[oldKey];
    if (!target) {
        const guess = (0,did_you_mean/* didYouMean */.a)(oldKey, Object.keys(AWS_KEYS));
        issues.report(locator, ['aws', oldKey], codes/* CODE */.Sq.unknownKey, `unknown key "${oldKey}"${guess ? ` (did you mean "${guess}"?)` : ''}`, {
            at: 'key',
            hint: `the aws: map of the original layout knows ${Object.keys(AWS_KEYS).join(', ')}`,
        });
        return;
    }
    const newKey = target.join('.');
    if (getIn(result, target) !== undefined && oldKey !== 'tags') {
        issues.report(locator, ['aws', oldKey], codes/* CODE */.Sq.invalidValue, `aws.${oldKey} and ${newKey} are both set`, {
            at: 'key',
            hint: `keep only ${newKey}`,
        });
        return;
    }
    if (oldKey === 'tags' && isDict(oldValue))
        setIn(result, target, {
            ...oldValue,
            ...(isDict(result.tags) ? result.tags : {}),
        });
    else
        setIn(result, target, oldValue);
    issues.report(locator, ['aws', oldKey], codes/* CODE */.Sq.deprecatedKey, `aws.${oldKey} is deprecated; use ${newKey}`, {
        at: 'key',
        severity: 'warning',
        hint: `write ${newKey} in .spot/config.yaml instead`,
    });
}
function mapRegion(entry, index, locator, issues) {
    if (!isDict(entry))
        return entry;
    const keys = Object.keys(entry);
    const name = keys[0];
    if (keys.length !== 1 || name === undefined || name === 'name' || !(entry[name] === null || isDict(entry[name])))
        return entry;
    const inner = { ...(entry[name] ?? {}) };
    const mapped = { name };
    if ('machine_type' in inner) {
        mapped.instance_types = [inner.machine_type];
        delete inner.machine_type;
    }
    if (inner.image === 'auto')
        delete inner.image;
    issues.report(locator, ['regions', index, name], codes/* CODE */.Sq.deprecatedKey, `the "- ${name}: {machine_type, image}" region layout is deprecated`, {
        at: 'key',
        key: `regions.${index}`,
        severity: 'warning',
        hint: `write - {name: ${name}${mapped.instance_types ? `, instance_types: [${String(inner.machine_type ?? mapped.instance_types[0])}]` : ''}}; image: auto is the default`,
    });
    return { ...mapped, ...inner };
}
function getIn(target, path) {
    return path.reduce((node, key) => (isDict(node) ? node[key] : undefined), target);
}
function setIn(target, path, value) {
    let node = target;
    for (const key of path.slice(0, -1)) {
        node[key] = isDict(node[key]) ? { ...node[key] } : {};
        node = node[key];
    }
    node[path[path.length - 1]] = value;
}

// EXTERNAL MODULE: ./src/config/aws-regions.ts
var aws_regions = __webpack_require__(8291);
;// CONCATENATED MODULE: ./src/config/zod-issues.ts




/** Hints for keys whose mistakes are common enough to deserve one. */
const KEY_HINTS = {
    permissions: 'quote the mode so YAML keeps it a string: permissions: "0644"',
    regions: 'list AWS region names, e.g. regions: [us-east-1, eu-west-1]',
    instance_types: 'list instance types, e.g. instance_types: [t3.small, t3a.small]',
    ttl: 'write a number and a unit (90s, 15m, 8h, 3d) or never',
    ready_timeout: 'write a number and a unit: 90s, 15m, 8h or 3d',
    timeout: 'write a number and a unit (90s, 15m, 8h, 3d) or a number of seconds',
    bucket: 'bucket: my-bucket, or bucket: {name: my-bucket, create: true}',
    allocation: 'allocation is the spot strategy of EC2 Fleet: price-capacity-optimized (default), capacity-optimized, lowest-price or diversified; on-demand instances always follow the order of instance_types (prioritized)',
};
/**
 * Turns zod's issues into positioned config issues with plain messages.
 * `schema` is used to list the known keys for "did you mean".
 */
function reportZodIssues(options) {
    for (const issue of options.issues)
        reportOne(issue, [], options);
}
function reportOne(issue, base, options) {
    const path = [...base, ...issue.path];
    const { list, locator } = options;
    const keyName = String([...path].reverse().find((segment) => typeof segment === 'string') ?? '');
    const hint = KEY_HINTS[keyName] ?? KEY_HINTS[String(path[0])];
    switch (issue.code) {
        case 'unrecognized_keys':
            for (const key of issue.keys) {
                const known = knownKeysAt(options.schema, path);
                const guess = (0,did_you_mean/* didYouMean */.a)(key, known);
                list.report(locator, [...path, key], codes/* CODE */.Sq.unknownKey, `unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`, {
                    at: 'key',
                    hint: guess ? `rename it to ${guess}` : `known keys here: ${known.join(', ')}`,
                });
            }
            return;
        case 'invalid_union':
            return reportUnion(issue, path, options);
        default: {
            const found = valueAt(options.value, path);
            const missing = found === undefined && issue.code === 'invalid_type';
            const code = missing ? codes/* CODE */.Sq.missingValue : codeFor(path);
            const guess = code === codes/* CODE */.Sq.badRegion && typeof found === 'string' ? (0,did_you_mean/* didYouMean */.a)(found, aws_regions/* AWS_REGIONS */.m) : undefined;
            list.report(locator, path, code, describe(issue, found, path), {
                hint: guess === undefined ? (hint ?? fallbackHint(issue, path)) : `did you mean ${guess}?`,
                at: issue.code === 'invalid_key' ? 'key' : 'value',
            });
        }
    }
}
function reportUnion(issue, path, options) {
    // Pick the branch whose type matched (its errors are deeper); otherwise say what types fit.
    const branches = issue.errors.filter((errors) => !errors.some((e) => e.code === 'invalid_type' && e.path.length === 0));
    const chosen = branches[0];
    if (chosen && chosen.length > 0) {
        for (const inner of chosen)
            reportOne(inner, path, options);
        return;
    }
    const found = valueAt(options.value, path);
    const expected = [...new Set(issue.errors.flatMap((errors) => errors.map(expectedOf)))].filter(Boolean);
    const message = `must be ${expected.join(' or ')}, got ${describeValue(found)}`;
    options.list.report(options.locator, path, codes/* CODE */.Sq.invalidValue, message);
}
function expectedOf(issue) {
    if (issue.code === 'invalid_type')
        return article(issue.expected);
    if (issue.code === 'invalid_value')
        return issue.values.map((v) => JSON.stringify(v)).join(' or ');
    return '';
}
function article(type) {
    const names = {
        object: 'a map',
        record: 'a map',
        array: 'a list',
        int: 'a whole number',
        number: 'a number',
    };
    return names[type] ?? `a ${type}`;
}
const DURATION_KEYS = new Set(['ttl', 'ready_timeout', 'timeout']);
/** The specific code for a bad value, by where it sits; SD105 otherwise. */
function codeFor(path) {
    const last = path[path.length - 1];
    const lastKey = [...path].reverse().find((segment) => typeof segment === 'string');
    if (path.length === 1 && last === 'version')
        return codes/* CODE */.Sq.badVersion;
    if (typeof lastKey === 'string' && DURATION_KEYS.has(lastKey))
        return codes/* CODE */.Sq.badDuration;
    if (path[0] === 'regions' && (path.length === 2 || (path.length === 3 && last === 'name'))) {
        return codes/* CODE */.Sq.badRegion;
    }
    if (path.includes('instance_types') && typeof last === 'number')
        return codes/* CODE */.Sq.badInstanceType;
    return codes/* CODE */.Sq.invalidValue;
}
/** A hint for issues that have no key-specific one: how to write the value. */
function fallbackHint(issue, path) {
    const key = String(path[path.length - 1] ?? 'the value');
    switch (issue.code) {
        case 'invalid_type':
            return `write ${key} as ${article(issue.expected)}; see docs/configuration.md`;
        case 'invalid_value':
            return issue.values.length === 1 ? `set ${key}: ${String(issue.values[0])}` : `use one of: ${issue.values.map(String).join(', ')}`;
        case 'too_small':
        case 'too_big':
            return `pick a value in the allowed range for ${key}`;
        case 'invalid_key':
            return 'names use letters, digits and _, and do not start with a digit';
        default:
            return 'see docs/configuration.md for the allowed values';
    }
}
function describe(issue, found, path) {
    const key = String(path[path.length - 1] ?? 'value');
    switch (issue.code) {
        case 'invalid_type':
            if (found === undefined)
                return `${path.join('.')} is required`;
            if (DURATION_KEYS.has(key) && typeof found !== 'object') {
                return `must be a duration like 90s, 15m, 8h or 3d, got ${describeValue(found)}`;
            }
            return `must be ${article(issue.expected)}, got ${describeValue(found)}`;
        case 'invalid_value': {
            const allowed = issue.values.map((v) => String(v));
            const guess = typeof found === 'string' ? (0,did_you_mean/* didYouMean */.a)(found, allowed) : undefined;
            const choices = allowed.length === 1 ? String(allowed[0]) : `one of ${allowed.join(', ')}`;
            return `must be ${choices}, got ${describeValue(found)}${guess ? ` (did you mean "${guess}"?)` : ''}`;
        }
        case 'too_small':
            return issue.origin === 'array'
                ? `must have at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`
                : issue.origin === 'string'
                    ? 'must not be empty'
                    : `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}, got ${describeValue(found)}`;
        case 'too_big':
            return `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}, got ${describeValue(found)}`;
        case 'invalid_key':
            return `"${key}" is not a valid ${String(path[path.length - 2] ?? 'key')} name`;
        case 'invalid_format':
            return issue.message.startsWith('Invalid')
                ? `has an invalid format: ${describeValue(found)}`
                : `${issue.message}, got ${describeValue(found)}`;
        default:
            return issue.message;
    }
}
function describeValue(value) {
    if (value === null)
        return 'nothing (null)';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a map';
    if (typeof value === 'string')
        return JSON.stringify(value);
    return `${typeof value} ${String(value)}`;
}
function valueAt(root, path) {
    let node = root;
    for (const segment of path) {
        if (node === null || typeof node !== 'object')
            return undefined;
        node = node[segment];
    }
    return node;
}
/** The keys an object schema allows at `path`, walking optionals, arrays and unions. */
function knownKeysAt(schema, path) {
    const candidates = descend([schema], path);
    return [...new Set(candidates.flatMap((s) => objectKeys(s)))].filter((key) => key !== '$schema');
}
function descend(schemas, path) {
    let current = schemas.flatMap(unwrap);
    for (const segment of path) {
        current = current.flatMap((schema) => {
            const def = schema._zod.def;
            if (def.type === 'object' && typeof segment === 'string') {
                const child = def.shape[segment];
                return child ? unwrap(child) : [];
            }
            if (def.type === 'array' && typeof segment === 'number')
                return unwrap(def.element);
            if (def.type === 'record' && typeof segment === 'string')
                return unwrap(def.valueType);
            return [];
        });
    }
    return current;
}
function unwrap(schema) {
    const def = schema._zod.def;
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default')
        return unwrap(def.innerType);
    if (def.type === 'union')
        return def.options.flatMap(unwrap);
    return [schema];
}
function objectKeys(schema) {
    const def = schema._zod.def;
    return def.type === 'object' ? Object.keys(def.shape) : [];
}

;// CONCATENATED MODULE: ./src/config/load-config.ts









const DEFAULT_CONFIG_FILE = '.spot/config.yaml';
/** Reads, maps (original layout) and validates the config file. */
function loadConfig(root, file, issues, 
/** Expands `~/` in ssh.public_key_path. */
home = external_node_os_default().homedir()) {
    const before = issues.items.length;
    const source = readYamlFile(root, file, issues);
    const exists = (0,external_node_fs_.existsSync)(external_node_path_default().join(root, file));
    if (!source) {
        const failed = issues.items.length > before;
        return {
            config: failed ? undefined : {},
            locator: fileLocator(file),
            file,
            exists,
        };
    }
    const locator = yamlLocator(source);
    const value = mapLegacyConfig(source.value, locator, issues);
    const parsed = config_schema/* configSchema */.Qn.safeParse(value, config_schema/* PARSE_ONCE */.Mh);
    if (!parsed.success) {
        reportZodIssues({
            issues: parsed.error.issues,
            schema: config_schema/* configSchema */.Qn,
            value,
            locator,
            list: issues,
        });
        return { config: undefined, locator, file, exists };
    }
    const publicKey = readPublicKey(root, parsed.data, { locator, issues, home });
    return {
        config: parsed.data,
        locator,
        file,
        exists,
        ...(publicKey === undefined ? {} : { publicKey }),
    };
}
function readPublicKey(root, config, { locator, issues, home }) {
    const keyPath = config.ssh?.public_key_path;
    if (keyPath === undefined)
        return undefined;
    const absolute = keyPath.startsWith('~/') ? external_node_path_default().join(home, keyPath.slice(2)) : external_node_path_default().resolve(root, keyPath);
    try {
        return (0,external_node_fs_.readFileSync)(absolute, 'utf8');
    }
    catch {
        issues.report(locator, ['ssh', 'public_key_path'], codes/* CODE */.Sq.missingSource, `public key file ${keyPath} not found`, {
            hint: 'give the path of a .pub file (relative to the project root or ~/…), or use ssh.public_key with the key text',
        });
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/config/convention-refs.ts
/**
 * A `deployment/` convention project uploads `deployment/` and nothing else
 * (to /opt/deployment, where its scripts run). A script there that names a
 * project file outside it (`python3 app/server.py` with `app/` at the root,
 * `cp ../config.json .`) validates, builds and launches, and then fails on
 * the instance, because the file never got there. This finds such names the
 * only way that is certain: the file exists in the project, and not where
 * the script will look for it.
 */





/** Larger scripts are not read: a generated installer is not where this slip happens. */
const MAX_SCRIPT_BYTES = 256 * 1024;
/**
 * A relative path (`./x`, `../x`, or anything with a `/`), not part of a
 * URL, an absolute path or a variable (`$HOME/x`, `${DIR}/x`): the names a
 * script gives to files next to it.
 */
const RELATIVE_PATH = /(?<![\w/:.$}~-])((?:\.\.?\/)+\w[\w.-]*(?:\/[\w.-]+)*|\w[\w.-]*(?:\/[\w.-]+)+)/g;
/** Where the instance would look for `name`, as a project-relative path, when that is outside deployment/. */
function outsideDeployment(name) {
    const resolved = external_node_path_default().posix.normalize(external_node_path_default().posix.join(find_root/* CONVENTION_DIR */.Yq, name));
    return resolved === find_root/* CONVENTION_DIR */.Yq || resolved.startsWith(`${find_root/* CONVENTION_DIR */.Yq}/`) ? undefined : resolved;
}
/** The project file a script's relative `name` means but the instance will not have, if any. */
function leftBehind(root, name) {
    const outside = outsideDeployment(name);
    if (outside !== undefined)
        return outside.startsWith('../') || !(0,external_node_fs_.existsSync)(external_node_path_default().join(root, outside)) ? undefined : outside;
    const bare = name.replace(/^(\.\/)+/, '');
    if ((0,external_node_fs_.existsSync)(external_node_path_default().join(root, find_root/* CONVENTION_DIR */.Yq, bare)))
        return undefined;
    return (0,external_node_fs_.existsSync)(external_node_path_default().join(root, bare)) ? bare : undefined;
}
/** A script's text, when it is a readable file of a size worth reading; a script that is not a file is SD117 elsewhere. */
function scriptText(file) {
    try {
        const stat = (0,external_node_fs_.statSync)(file);
        return stat.isFile() && stat.size <= MAX_SCRIPT_BYTES ? (0,external_node_fs_.readFileSync)(file, 'utf8') : undefined;
    }
    catch {
        return undefined;
    }
}
/** Warns (SD134) for each project file a convention script names that is not under deployment/. */
function reportFilesLeftBehind(root, scan, issues) {
    for (const script of scan.deployment.scripts ?? []) {
        const file = typeof script === 'string' ? undefined : script.path;
        if (!file)
            continue;
        const text = scriptText(external_node_path_default().join(root, file));
        if (text === undefined)
            continue;
        const seen = new Set();
        text.split('\n').forEach((line, index) => {
            if (line.trimStart().startsWith('#'))
                return;
            for (const match of line.matchAll(RELATIVE_PATH)) {
                const name = match[1];
                const missing = seen.has(name) ? undefined : leftBehind(root, name);
                seen.add(name);
                if (missing === undefined)
                    continue;
                issues.add({
                    code: codes/* CODE */.Sq.fileLeftBehind,
                    file,
                    line: index + 1,
                    column: (match.index ?? 0) + 1,
                    key: '',
                    message: `${file} names ${name}; the project has ${missing}, but only ${find_root/* CONVENTION_DIR */.Yq}/ is uploaded (to ${convention/* DEFAULT_TARGET */.Kv}), so the instance will not have it`,
                    hint: `move ${missing} under ${find_root/* CONVENTION_DIR */.Yq}/, or write .spot/deployment.yaml with an upload of it (\`spot-deployer init\` writes one from what the scan found)`,
                    severity: 'warning',
                });
            }
        });
    }
}

// EXTERNAL MODULE: ./src/config/deployment-schema.ts
var deployment_schema = __webpack_require__(9143);
;// CONCATENATED MODULE: ./src/config/load-deployment.ts











const DEPLOYMENT_FILE = '.spot/deployment.yaml';
/** Keys that may sit beside a `deployment:` map without making the file "mixed". */
const WRAPPER_SIBLINGS = new Set(['$schema', 'version']);
/** `.spot/deployment.yaml` when present, else the `deployment/` convention scan. */
function loadDeployment(root, issues) {
    if ((0,external_node_fs_.existsSync)(external_node_path_default().join(root, DEPLOYMENT_FILE)))
        return loadFile(root, issues);
    if ((0,external_node_fs_.existsSync)(external_node_path_default().join(root, find_root/* CONVENTION_DIR */.Yq)) || (0,convention/* rootComposeFile */.rX)(root) !== undefined) {
        const scan = (0,convention/* scanConvention */.vC)(root);
        if (!(0,convention/* scanRunsSomething */.Gr)(scan))
            reportRunsNothing(issues);
        reportFilesLeftBehind(root, scan, issues);
        return {
            deployment: scan.deployment,
            locator: fileLocator(find_root/* CONVENTION_DIR */.Yq, scan.origins),
            files: scan.files,
            origin: 'convention',
        };
    }
    return {
        deployment: undefined,
        locator: fileLocator(DEPLOYMENT_FILE),
        files: [],
        origin: 'none',
    };
}
function loadFile(root, issues) {
    const source = readYamlFile(root, DEPLOYMENT_FILE, issues);
    const files = [DEPLOYMENT_FILE];
    if (!source)
        return {
            deployment: undefined,
            locator: fileLocator(DEPLOYMENT_FILE),
            files,
            origin: 'file',
        };
    const unwrapped = load_deployment_unwrap(source, issues);
    if (!unwrapped)
        return {
            deployment: undefined,
            locator: yamlLocator(source),
            files,
            origin: 'file',
        };
    const locator = yamlLocator(source, unwrapped.prefix);
    const parsed = (0,deployment_schema/* deploymentSchema */.f)().safeParse(unwrapped.value, config_schema/* PARSE_ONCE */.Mh);
    if (!parsed.success) {
        reportZodIssues({
            issues: parsed.error.issues,
            schema: (0,deployment_schema/* deploymentSchema */.f)(),
            value: unwrapped.value,
            locator,
            list: issues,
        });
        return { deployment: undefined, locator, files, origin: 'file' };
    }
    return {
        deployment: parsed.data,
        locator,
        files: [...files, ...referencedFiles(parsed.data)],
        origin: 'file',
    };
}
function reportRunsNothing(issues) {
    issues.add({
        code: codes/* CODE */.Sq.incompleteSpot,
        file: `${find_root/* CONVENTION_DIR */.Yq}/`,
        line: 1,
        column: 1,
        key: '',
        message: `${find_root/* CONVENTION_DIR */.Yq}/ has nothing to run: no setup.sh or init.sh, no scripts/*.sh, no *.service and no compose file`,
        hint: `add ${find_root/* CONVENTION_DIR */.Yq}/setup.sh with the commands that install and start your app (or a compose.yaml), or describe it in ${DEPLOYMENT_FILE}`,
        severity: 'error',
    });
}
/** Accepts keys at the top level or under `deployment:`, never both. */
function load_deployment_unwrap(source, issues) {
    const value = source.value;
    if (!('deployment' in value))
        return { value, prefix: [] };
    const mixed = Object.keys(value).filter((key) => key !== 'deployment' && !WRAPPER_SIBLINGS.has(key));
    if (mixed.length > 0) {
        issues.report(yamlLocator(source), [mixed[0]], codes/* CODE */.Sq.mixedLayout, `"${mixed[0]}" is at the top level but the other settings are under deployment:`, {
            at: 'key',
            key: mixed[0],
            hint: 'put every key under deployment:, or remove the deployment: level and keep them all at the top',
        });
        return undefined;
    }
    const inner = value.deployment;
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
        issues.report(yamlLocator(source), ['deployment'], codes/* CODE */.Sq.invalidValue, 'deployment must be a map of settings', {
            hint: 'indent the settings under deployment:',
        });
        return undefined;
    }
    return {
        value: {
            ...inner,
            ...pick(value, WRAPPER_SIBLINGS),
        },
        prefix: ['deployment'],
    };
}
const pick = (value, keys) => Object.fromEntries(Object.entries(value).filter(([key]) => keys.has(key)));
function referencedFiles(deployment) {
    const scripts = (deployment.scripts ?? []).flatMap((entry) => (typeof entry === 'object' && entry.path ? [entry.path] : []));
    const services = (deployment.services ?? []).flatMap((entry) => (entry.file ? [entry.file] : []));
    return [...scripts, ...services, ...(deployment.compose ? [deployment.compose] : [])];
}

;// CONCATENATED MODULE: ./src/plan/load-project.ts


















/** Optional project files that shape the bundle or user-data when present. */
const IGNORE_FILE = '.spotignore';
const GITIGNORE_FILE = '.gitignore';
const EXTRA_FILES = [IGNORE_FILE, CLOUD_INIT_FILE];
/**
 * The project's ignore rules, read once here: the bundle stage never reads
 * the project's settings. `.spotignore` when present, else the root
 * `.gitignore` (what git does not keep is rarely meant for the server).
 */
function readBundleIgnore(root) {
    for (const name of [IGNORE_FILE, GITIGNORE_FILE]) {
        const file = external_node_path_default().join(root, name);
        if ((0,external_node_fs_.existsSync)(file))
            return { file: name, rules: (0,external_node_fs_.readFileSync)(file, 'utf8') };
    }
    return { rules: '' };
}
/**
 * Loads and validates the project at or above `options.dir` and builds its
 * Plan. Makes no network call. Throws ConfigError carrying every issue found
 * (errors and warnings) when there is at least one error.
 */
async function loadProject(options) {
    const root = (0,find_root/* findProjectRoot */.pj)(options.dir);
    const issues = new IssueList();
    const configFile = (0,paths/* normaliseSource */.M5)(options.overrides.config ?? DEFAULT_CONFIG_FILE);
    if (configFile !== DEFAULT_CONFIG_FILE && !(0,external_node_fs_.existsSync)(external_node_path_default().join(root, configFile))) {
        issues.add({
            code: codes/* CODE */.Sq.missingSource,
            file: configFile,
            line: 1,
            column: 1,
            key: 'config',
            message: `config file ${configFile} (from the config input) does not exist`,
            hint: `give a path relative to the project root ${root}, or leave config unset for ${DEFAULT_CONFIG_FILE}`,
            severity: 'error',
        });
    }
    const config = loadConfig(root, configFile, issues, options.env?.HOME ?? external_node_os_default().homedir());
    const deployment = loadDeployment(root, issues);
    if (deployment.origin === 'none')
        reportNothingToDeploy(issues);
    if (deployment.deployment) {
        checkDeployment(deployment.deployment, {
            root,
            locator: deployment.locator,
            issues,
        });
    }
    if (issues.hasErrors || !config.config || !deployment.deployment)
        throw new errors/* ConfigError */.xL(issues.items);
    const plan = planFrom({
        root,
        config,
        deployment,
        overrides: options.overrides,
        run: options.run,
        issues,
    });
    if (issues.hasErrors)
        throw new errors/* ConfigError */.xL(issues.items);
    plan.notices = issues.warnings.map(format_issues/* formatIssue */.Hd);
    return { plan, warnings: issues.warnings };
}
function planFrom(input) {
    const { root, config, deployment, issues } = input;
    const bundleIgnore = readBundleIgnore(root);
    const manifest = buildManifest(deployment.deployment, {
        projectRoot: root,
        locator: deployment.locator,
        issues,
        bundleIgnore,
    });
    const userData = readUserDataSources(root, manifest.template, issues);
    const sourceFiles = [
        ...(config.exists ? [config.file] : []),
        ...deployment.files,
        ...EXTRA_FILES.filter((file) => (0,external_node_fs_.existsSync)(external_node_path_default().join(root, file))),
    ].map(paths/* normaliseSource */.M5);
    const plan = (0,build_plan/* buildPlan */.Gg)({
        config: config.config,
        locator: config.locator,
        manifest,
        userData,
        bundleIgnore,
        overrides: input.overrides,
        run: input.run,
        projectRoot: root,
        sourceFiles: [...new Set(sourceFiles)],
        issues,
        ...(config.publicKey === undefined ? {} : { publicKey: config.publicKey }),
    });
    (0,check_config/* checkConfig */.l)({
        config: config.config,
        overrides: input.overrides,
        locator: config.locator,
        issues,
    });
    checkArchitecture({ config: config.config, overrides: input.overrides, locator: config.locator, issues }, plan);
    checkCompose(plan, { locator: deployment.locator, issues });
    checkUploadLinks(plan, issues);
    return plan;
}
function reportNothingToDeploy(issues) {
    issues.add({
        code: codes/* CODE */.Sq.incompleteSpot,
        file: find_root/* SPOT_DIR */.z9,
        line: 1,
        column: 1,
        key: '',
        message: `nothing to deploy: no ${DEPLOYMENT_FILE} and no deployment/ folder`,
        hint: 'add .spot/deployment.yaml, or a deployment/ folder with a setup.sh (spot-deployer init can write one)',
        severity: 'error',
    });
}


/***/ }),

/***/ 3935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M5: () => (/* binding */ normaliseSource),
/* harmony export */   VM: () => (/* binding */ instancePath),
/* harmony export */   Wg: () => (/* binding */ DEFAULT_EXCLUDES),
/* harmony export */   eh: () => (/* binding */ isSecretName)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/** Project-relative, `/`-separated, without `./` or a trailing `/`. */
const normaliseSource = (source) => source
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '') || '.';
/**
 * Where a project path (a script, unit or compose file) lands on the
 * instance: through the most specific upload that contains it, else under
 * the target, where the whole project is unpacked by convention.
 */
function instancePath(manifest, projectPath) {
    const path = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(projectPath).replace(/^\.\/|\/+$/g, '');
    let best;
    for (const upload of manifest.uploads) {
        const source = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(upload.source).replace(/\/+$/, '');
        const covers = source === '.' || path === source || path.startsWith(`${source}/`);
        if (covers && (best === undefined || best.source === '.' || source.length > best.source.length)) {
            best = { source, dest: upload.dest };
        }
    }
    if (!best)
        return node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(manifest.target, path);
    const rest = best.source === '.' ? path : path.slice(best.source.length).replace(/^\//, '');
    return rest === '' ? best.dest : node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(best.dest, rest);
}
/** Debris that never belongs on a server; documented in docs/bundle.md. */
const DEFAULT_EXCLUDES = [
    '.git',
    '.DS_Store',
    'Thumbs.db',
    '*.swp',
    '*~',
    '__pycache__/',
    '.terraform/',
    'node_modules/.cache/',
    // The deployer's own settings, when the whole project is bundled (a root compose file).
    '/.spot/',
];
/**
 * Secrets by name (docs/configuration.md): `.env*`, `*.pem`, `*.key`, and
 * anything in or named `secrets/`, at any depth and in any upload. They are
 * bundled 0600 (folders 0700) like the entries of `secrets:`.
 */
function isSecretName(projectPath, isDirectory) {
    const parts = projectPath.split('/');
    const name = parts[parts.length - 1] ?? '';
    if (parts.slice(0, -1).includes('secrets') || name === 'secrets')
        return true;
    return !isDirectory && (name.startsWith('.env') || name.endsWith('.pem') || name.endsWith('.key'));
}


/***/ })

};
