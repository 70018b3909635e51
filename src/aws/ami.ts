/**
 * Resolves `image` (an alias, an AMI id or `ssm:/path`) to an AMI in a
 * region, with the root device name the launch needs for an encrypted root.
 */
import { CODE } from '../core/codes.js';
import { DescribeImagesCommand, type DescribeImagesCommandInput, type Image } from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { SpotError } from '../core/errors.js';
import type { Architecture } from '../plan/types.js';
import type { AwsClients } from './clients.js';
import { awsErrorCode, wrapAwsError } from './errors.js';

export interface ResolvedImage {
  imageId: string;
  rootDeviceName: string;
  name: string;
  /** How it was found, for the summary: `ssm:/…` or `owner 099720109477, name …`. */
  source: string;
}

interface Alias {
  ssm: (arch: Architecture) => string;
  owner: string;
  name: (arch: Architecture) => string;
}

const ubuntuArch = (arch: Architecture): string => (arch === 'arm64' ? 'arm64' : 'amd64');
const CANONICAL = '099720109477';
const AMAZON = '137112412989';

const ubuntu = (version: string, codename: string): Alias => ({
  ssm: (arch) => `/aws/service/canonical/ubuntu/server/${version}/stable/current/${ubuntuArch(arch)}/hvm/ebs-gp3/ami-id`,
  owner: CANONICAL,
  name: (arch) => `ubuntu/images/hvm-ssd-gp3/ubuntu-${codename}-${version}-${ubuntuArch(arch)}-server-*`,
});

const ALIASES: Record<string, Alias> = {
  'ubuntu-24.04': ubuntu('24.04', 'noble'),
  'ubuntu-22.04': ubuntu('22.04', 'jammy'),
  al2023: {
    ssm: (arch) => `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${arch}`,
    owner: AMAZON,
    name: (arch) => `al2023-ami-2023.*-kernel-*-${arch}`,
  },
};

async function readSsmImageId(clients: AwsClients, path: string): Promise<string | undefined> {
  try {
    const result = await clients.ssm.send(new GetParameterCommand({ Name: path }));
    return result.Parameter?.Value;
  } catch (error) {
    if (awsErrorCode(error) === 'ParameterNotFound') return undefined;
    throw wrapAwsError(error, { action: 'ssm:GetParameter', resource: `${clients.region} ${path}` });
  }
}

async function describeImages(clients: AwsClients, input: DescribeImagesCommandInput): Promise<Image[]> {
  try {
    return (await clients.ec2.send(new DescribeImagesCommand(input))).Images ?? [];
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:DescribeImages', resource: clients.region });
  }
}

/** Newest by creation date; publishers put the build date in the name, which breaks ties. */
const newest = (images: Image[]): Image | undefined =>
  [...images].sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? '') || (b.Name ?? '').localeCompare(a.Name ?? ''))[0];

function toResolved(image: Image | undefined, source: string, wanted: string, region: string): ResolvedImage {
  if (!image?.ImageId) {
    throw new SpotError(CODE.imageNotFound, `image ${wanted} was not found in ${region}`, {
      key: 'image',
      hint: 'Use ubuntu-24.04, ubuntu-22.04, al2023, an AMI id that exists in this region, or ssm:/path/to/parameter.',
    });
  }
  return {
    imageId: image.ImageId,
    rootDeviceName: image.RootDeviceName ?? '/dev/xvda',
    name: image.Name ?? image.ImageId,
    source,
  };
}

async function byId(clients: AwsClients, imageId: string, source: string, wanted: string): Promise<ResolvedImage> {
  const images = await describeImages(clients, { ImageIds: [imageId] });
  return toResolved(images[0], source, wanted, clients.region);
}

/**
 * Aliases resolve through the public SSM parameter; where a partition or
 * region lacks it (and on local endpoints) we fall back to the newest image
 * of the publisher's account whose name matches the release.
 */
export async function resolveImage(clients: AwsClients, image: string, arch: Architecture): Promise<ResolvedImage> {
  if (image.startsWith('ami-')) return byId(clients, image, image, image);
  if (image.startsWith('ssm:')) {
    const path = image.slice('ssm:'.length);
    const imageId = await readSsmImageId(clients, path);
    if (!imageId) return toResolved(undefined, image, image, clients.region);
    return byId(clients, imageId, image, image);
  }
  const alias = ALIASES[image];
  if (!alias) return toResolved(undefined, image, image, clients.region);
  const ssmPath = alias.ssm(arch);
  const fromSsm = await readSsmImageId(clients, ssmPath);
  if (fromSsm) {
    const images = await describeImages(clients, { ImageIds: [fromSsm] }).catch(() => []);
    if (images[0]) return toResolved(images[0], `ssm:${ssmPath}`, image, clients.region);
  }
  const images = await describeImages(clients, {
    Owners: [alias.owner],
    Filters: [
      { Name: 'name', Values: [alias.name(arch)] },
      { Name: 'architecture', Values: [arch] },
      { Name: 'state', Values: ['available'] },
    ],
  });
  return toResolved(newest(images), `owner ${alias.owner}, name ${alias.name(arch)}`, image, clients.region);
}
