package io.tfsync.terraform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in {@code spec.type} of the common resource types of the big clouds. */
final class DefaultTypes {

    private static final Map<String, List<String>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put(
                "database",
                List.of(
                        "aws_db_instance",
                        "aws_rds_cluster",
                        "aws_dynamodb_table",
                        "aws_docdb_cluster",
                        "aws_elasticache_cluster",
                        "aws_elasticache_replication_group",
                        "google_sql_database_instance",
                        "google_spanner_instance",
                        "google_bigtable_instance",
                        "azurerm_mssql_server",
                        "azurerm_mssql_database",
                        "azurerm_postgresql_server",
                        "azurerm_postgresql_flexible_server",
                        "azurerm_mysql_flexible_server",
                        "azurerm_cosmosdb_account",
                        "digitalocean_database_cluster"));
        TYPES.put(
                "storage",
                List.of(
                        "aws_s3_bucket",
                        "aws_efs_file_system",
                        "google_storage_bucket",
                        "google_filestore_instance",
                        "azurerm_storage_account",
                        "azurerm_storage_container",
                        "digitalocean_spaces_bucket"));
        TYPES.put("kubernetes-cluster", List.of("*_kubernetes_cluster", "aws_eks_cluster", "google_container_cluster"));
        TYPES.put(
                "virtual-machine",
                List.of(
                        "aws_instance",
                        "google_compute_instance",
                        "azurerm_linux_virtual_machine",
                        "azurerm_windows_virtual_machine",
                        "azurerm_virtual_machine",
                        "digitalocean_droplet"));
        TYPES.put(
                "network", List.of("aws_vpc", "google_compute_network", "azurerm_virtual_network", "digitalocean_vpc"));
        TYPES.put("subnet", List.of("aws_subnet", "google_compute_subnetwork", "azurerm_subnet"));
        TYPES.put(
                "function",
                List.of(
                        "aws_lambda_function",
                        "google_cloudfunctions_function",
                        "google_cloudfunctions2_function",
                        "google_cloud_run_service",
                        "google_cloud_run_v2_service",
                        "azurerm_linux_function_app",
                        "azurerm_windows_function_app",
                        "azurerm_function_app"));
        TYPES.put(
                "queue",
                List.of(
                        "aws_sqs_queue",
                        "aws_sns_topic",
                        "google_pubsub_topic",
                        "azurerm_servicebus_queue",
                        "azurerm_servicebus_topic"));
        TYPES.put("load-balancer", List.of("aws_lb", "aws_alb", "aws_elb", "azurerm_lb", "digitalocean_loadbalancer"));
        TYPES.put("dns-zone", List.of("aws_route53_zone", "google_dns_managed_zone", "azurerm_dns_zone"));
        TYPES.put(
                "container-registry",
                List.of("aws_ecr_repository", "google_artifact_registry_repository", "azurerm_container_registry"));
    }

    private static final List<Map.Entry<Glob, String>> RULES = TYPES.entrySet().stream()
            .flatMap(e -> e.getValue().stream().map(glob -> Map.entry(Glob.of(glob), e.getKey())))
            .toList();

    private DefaultTypes() {}

    static Optional<String> of(String resourceType) {
        return RULES.stream()
                .filter(rule -> rule.getKey().matches(resourceType))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
