// Terraform state (format 4) with `count` S3 buckets, each tagged with a Name and an owner.
const fs = require('node:fs');

/**
 * @param buckets array of { name, title, owner }
 * @param serial the state's serial (a new one for each version)
 */
function writeState(file, buckets, serial) {
  const state = {
    version: 4,
    terraform_version: '1.9.8',
    serial,
    lineage: '3f1c7a0e-6b0e-4cde-9a6f-e2e000000001',
    outputs: {},
    resources: buckets.map(b => ({
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: b.name.replace(/-/g, '_'),
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        {
          schema_version: 0,
          attributes: {
            id: b.name,
            bucket: b.name,
            arn: `arn:aws:s3:::${b.name}`,
            region: 'eu-west-1',
            tags: { Name: b.title, owner: b.owner },
          },
          sensitive_attributes: [],
        },
      ],
    })),
    check_results: null,
  };
  fs.writeFileSync(file, JSON.stringify(state, null, 1));
}

function buckets(count, { title = n => `bucket ${n}`, owner = () => 'team-a', prefix = 'logs' } = {}) {
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${i}`, title: title(i), owner: owner(i) }));
}

module.exports = { writeState, buckets };
