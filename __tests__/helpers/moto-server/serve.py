"""moto's server with one gap of moto 5.2.1's EC2 Fleet closed, then `moto.server.main`.

moto launches a fleet's instances without most of their launch template: no
public IP although the template asks for one (`AssociatePublicIpAddress`),
IMDS left at `HttpTokens: optional`, an unencrypted default root volume. AWS
applies the template to every instance a fleet launches. This applies those
three settings of the template version the fleet names, to the fleet's own
instances only, so tests read what a deploy gets on AWS. Nothing else in moto
is changed (the template's security groups are still not applied).
"""

import contextvars
import sys

from moto.ec2.models import fleets, instances

_fleet = contextvars.ContextVar("launching_fleet", default=None)


def _template_data(fleet):
    for spec in fleet.launch_specs:
        named = spec.launch_template_spec or {}
        if "LaunchTemplateId" in named:
            template = fleet.ec2_backend.get_launch_template(template_id=named["LaunchTemplateId"])
            return template.get_version(named.get("Version", template.default_version_number)).data
    return {}


def _within_fleet(method):
    def wrapped(self, *args, **kwargs):
        token = _fleet.set(self)
        try:
            return method(self, *args, **kwargs)
        finally:
            _fleet.reset(token)

    return wrapped


fleets.Fleet.create_spot_requests = _within_fleet(fleets.Fleet.create_spot_requests)
fleets.Fleet.create_on_demand_requests = _within_fleet(fleets.Fleet.create_on_demand_requests)

_run_instances = instances.InstanceBackend.run_instances


def _true(value):
    return str(value).lower() == "true"


def _volumes(mappings):
    """The template's block devices as moto's RunInstances hands them on (typed, as its request parser would)."""
    typed = []
    for mapping in mappings or []:
        ebs = dict(mapping.get("Ebs") or {})
        if "Encrypted" in ebs:
            ebs["Encrypted"] = _true(ebs["Encrypted"])
        if "DeleteOnTermination" in ebs:
            ebs["DeleteOnTermination"] = _true(ebs["DeleteOnTermination"])
        if "VolumeSize" in ebs:
            ebs["VolumeSize"] = int(ebs["VolumeSize"])
        typed.append({**mapping, "Ebs": ebs})
    return typed


def _run_instances_from_template(self, image_id, count, user_data, security_group_names=None, **kwargs):
    fleet = _fleet.get()
    if fleet is not None:
        data = _template_data(fleet)
        interfaces = data.get("NetworkInterfaces") or [{}]
        if interfaces[0].get("AssociatePublicIpAddress") is not None:
            kwargs["associate_public_ip"] = _true(interfaces[0]["AssociatePublicIpAddress"])
        if data.get("MetadataOptions") and not kwargs.get("metadata_options"):
            kwargs["metadata_options"] = data["MetadataOptions"]
        if data.get("BlockDeviceMappings") and "block_device_mappings" not in kwargs:
            kwargs["block_device_mappings"] = _volumes(data["BlockDeviceMappings"])
    return _run_instances(self, image_id, count, user_data, security_group_names, **kwargs)


instances.InstanceBackend.run_instances = _run_instances_from_template

if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
