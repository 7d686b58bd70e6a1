-- WorkflowTemplates, ClusterWorkflowTemplates (namespace '') and CronWorkflows, and their
-- status in a table of its own, so spec and status writers never overwrite each other.
create table resources (
  kind             varchar(64)  not null,
  namespace        varchar(253) not null,
  name             varchar(253) not null,
  uid              varchar(64)  not null unique,
  resource_version bigint       not null,
  generation       bigint       not null,
  created_at       timestamptz  not null,
  labels_json      text         not null,
  body_json        text         not null,
  primary key (kind, namespace, name)
);

create table resource_status (
  kind        varchar(64)  not null,
  namespace   varchar(253) not null,
  name        varchar(253) not null,
  status_json text         not null,
  primary key (kind, namespace, name),
  foreign key (kind, namespace, name) references resources (kind, namespace, name)
    on delete cascade
);
