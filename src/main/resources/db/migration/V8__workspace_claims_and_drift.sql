-- Sources other than Terraform workspaces (a GitHub repository's Component) sync through the same queue
-- and lock, so each has a row in workspaces too (source_json says its type). Such a source may claim
-- workspaces: claim_ref is the entity whose dependency the workspace's resources become
-- (spec.dependencyOf), claim_source the source that claimed it. A workspace has one claim at most.
ALTER TABLE workspaces ADD COLUMN claim_ref ${text};
ALTER TABLE workspaces ADD COLUMN claim_source ${text};

-- drift_json: the drift Terraform Cloud's last health assessment reported for the workspace
-- ({"resourcesDrifted", "resourcesUndrifted", "assessmentId", "reportedAt"}), cleared by an applied run; its
-- entities carry it as the annotation tfsync.io/drift.
ALTER TABLE workspaces ADD COLUMN drift_json ${text};
