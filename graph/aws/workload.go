package aws

// Category classifies what a resource type is for, as the AWS multi-account
// guidance distinguishes it: workloads (which run or store application
// data) do not belong in the organisation's management account; governance
// resources do.
type Category string

// Workload categories. The empty Category means the type is not a
// workload (governance, identity, networking plumbing, or unclassified).
const (
	Compute      Category = "compute"
	Containers   Category = "containers"
	Serverless   Category = "serverless"
	Database     Category = "database"
	Cache        Category = "cache"
	Storage      Category = "storage"
	Analytics    Category = "analytics"
	Messaging    Category = "queues and streams"
	LoadBalancer Category = "load balancing"
	APIGateway   Category = "API gateway"
	CDN          Category = "content delivery"
	MachineLearn Category = "machine learning"
)

// WorkloadCategory returns the workload category of a native resource type
// (Terraform or CloudFormation), or "" when it is not a workload.
func WorkloadCategory(resourceType string) Category {
	return workloadTypes[resourceType]
}

// workloadTypes lists, per category, the Terraform and CloudFormation types
// that run or store application data. Notification and event plumbing
// (SNS topics, EventBridge buses and rules) is left out on purpose: the
// management account legitimately uses it for budget alerts and
// organisation events.
var workloadTypes = func() map[string]Category {
	m := map[string]Category{}
	add := func(c Category, types ...string) {
		for _, t := range types {
			m[t] = c
		}
	}
	add(Compute,
		"aws_imagebuilder_image_pipeline", "aws_datasync_task", "AWS::ImageBuilder::ImagePipeline", "AWS::DataSync::Task",
		"aws_instance", "aws_spot_instance_request", "aws_spot_fleet_request", "aws_ec2_fleet", "aws_ec2_host",
		"aws_launch_template", "aws_launch_configuration", "aws_autoscaling_group",
		"aws_lightsail_instance", "aws_batch_compute_environment", "aws_batch_job_definition", "aws_batch_job_queue",
		"aws_elastic_beanstalk_environment", "aws_elastic_beanstalk_application", "aws_elastic_beanstalk_application_version",
		"aws_workspaces_workspace", "aws_appstream_fleet", "aws_appstream_stack", "aws_gamelift_fleet", "aws_gamelift_build",
		"aws_codebuild_project",
		"AWS::EC2::Instance", "AWS::EC2::SpotFleet", "AWS::EC2::EC2Fleet", "AWS::EC2::Host", "AWS::EC2::LaunchTemplate",
		"AWS::AutoScaling::AutoScalingGroup", "AWS::AutoScaling::LaunchConfiguration",
		"AWS::Lightsail::Instance", "AWS::Batch::ComputeEnvironment", "AWS::Batch::JobDefinition", "AWS::Batch::JobQueue",
		"AWS::ElasticBeanstalk::Environment", "AWS::ElasticBeanstalk::Application", "AWS::ElasticBeanstalk::ApplicationVersion",
		"AWS::WorkSpaces::Workspace", "AWS::AppStream::Fleet", "AWS::AppStream::Stack", "AWS::GameLift::Fleet", "AWS::GameLift::Build",
		"AWS::CodeBuild::Project")
	add(Containers,
		"aws_ecs_cluster", "aws_ecs_service", "aws_ecs_task_definition", "aws_ecs_capacity_provider", "aws_ecs_task_set",
		"aws_eks_cluster", "aws_eks_node_group", "aws_eks_fargate_profile", "aws_eks_addon",
		"aws_ecr_repository", "aws_ecrpublic_repository", "aws_apprunner_service", "aws_lightsail_container_service",
		"aws_emrcontainers_virtual_cluster",
		"AWS::ECS::Cluster", "AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::ECS::CapacityProvider", "AWS::ECS::TaskSet",
		"AWS::EKS::Cluster", "AWS::EKS::Nodegroup", "AWS::EKS::FargateProfile", "AWS::EKS::Addon",
		"AWS::ECR::Repository", "AWS::ECR::PublicRepository", "AWS::AppRunner::Service", "AWS::Lightsail::Container",
		"AWS::EMRContainers::VirtualCluster")
	add(Serverless,
		"aws_apigatewayv2_integration", "aws_iot_topic_rule", "aws_scheduler_schedule", "AWS::IoT::TopicRule", "AWS::Scheduler::Schedule",
		"aws_lambda_function", "aws_lambda_layer_version", "aws_lambda_function_url", "aws_lambda_alias",
		"aws_lambda_event_source_mapping", "aws_sfn_state_machine", "aws_sfn_activity",
		"aws_appsync_graphql_api", "aws_appsync_datasource", "aws_appsync_resolver", "aws_amplify_app", "aws_amplify_branch",
		"AWS::Lambda::Function", "AWS::Lambda::LayerVersion", "AWS::Lambda::Url", "AWS::Lambda::Alias", "AWS::Lambda::Version",
		"AWS::Lambda::EventSourceMapping", "AWS::StepFunctions::StateMachine", "AWS::StepFunctions::Activity",
		"AWS::Serverless::Function", "AWS::Serverless::StateMachine", "AWS::Serverless::LayerVersion",
		"AWS::Serverless::Application", "AWS::Serverless::GraphQLApi",
		"AWS::AppSync::GraphQLApi", "AWS::AppSync::DataSource", "AWS::AppSync::Resolver", "AWS::Amplify::App", "AWS::Amplify::Branch")
	add(Database,
		"aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance", "aws_rds_global_cluster", "aws_db_proxy",
		"aws_db_snapshot", "aws_db_cluster_snapshot",
		"aws_dynamodb_table", "aws_dynamodb_global_table", "aws_dynamodb_table_replica",
		"aws_docdb_cluster", "aws_docdb_cluster_instance", "aws_docdb_global_cluster", "aws_docdbelastic_cluster",
		"aws_neptune_cluster", "aws_neptune_cluster_instance", "aws_neptune_global_cluster",
		"aws_redshift_cluster", "aws_redshiftserverless_namespace", "aws_redshiftserverless_workgroup",
		"aws_keyspaces_keyspace", "aws_keyspaces_table", "aws_qldb_ledger", "aws_timestreamwrite_database",
		"aws_timestreamwrite_table", "aws_memorydb_cluster", "aws_opensearch_domain", "aws_elasticsearch_domain",
		"aws_opensearchserverless_collection", "aws_simpledb_domain", "aws_lightsail_database", "aws_dsql_cluster",
		"aws_cognito_user_pool",
		"AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::RDS::GlobalCluster", "AWS::RDS::DBProxy",
		"AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable",
		"AWS::DocDB::DBCluster", "AWS::DocDB::DBInstance", "AWS::DocDBElastic::Cluster",
		"AWS::Neptune::DBCluster", "AWS::Neptune::DBInstance", "AWS::NeptuneGraph::Graph",
		"AWS::Redshift::Cluster", "AWS::RedshiftServerless::Namespace", "AWS::RedshiftServerless::Workgroup",
		"AWS::Cassandra::Keyspace", "AWS::Cassandra::Table", "AWS::QLDB::Ledger", "AWS::Timestream::Database",
		"AWS::Timestream::Table", "AWS::MemoryDB::Cluster", "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain",
		"AWS::OpenSearchServerless::Collection", "AWS::SDB::Domain", "AWS::Lightsail::Database", "AWS::DSQL::Cluster",
		"AWS::Cognito::UserPool")
	add(Cache,
		"aws_elasticache_cluster", "aws_elasticache_replication_group", "aws_elasticache_serverless_cache",
		"aws_elasticache_global_replication_group", "aws_dax_cluster",
		"AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::ServerlessCache",
		"AWS::ElastiCache::GlobalReplicationGroup", "AWS::DAX::Cluster")
	add(Storage,
		"aws_s3_bucket", "aws_s3_directory_bucket", "aws_s3control_bucket", "aws_s3tables_table_bucket",
		"aws_efs_file_system", "aws_fsx_lustre_file_system", "aws_fsx_windows_file_system",
		"aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system", "aws_ebs_volume", "aws_ebs_snapshot",
		"aws_backup_vault", "aws_storagegateway_gateway", "aws_glacier_vault", "aws_transfer_server", "aws_lightsail_bucket",
		"AWS::S3::Bucket", "AWS::S3Express::DirectoryBucket", "AWS::S3Outposts::Bucket", "AWS::S3Tables::TableBucket",
		"AWS::EFS::FileSystem", "AWS::FSx::FileSystem", "AWS::EC2::Volume",
		"AWS::Backup::BackupVault", "AWS::Transfer::Server", "AWS::Lightsail::Bucket")
	add(Analytics,
		"aws_lakeformation_resource", "aws_appflow_flow", "aws_glue_trigger", "aws_emr_studio", "AWS::LakeFormation::Resource", "AWS::AppFlow::Flow", "AWS::Glue::Trigger", "AWS::EMR::Studio",
		"aws_emr_cluster", "aws_emr_instance_group", "aws_emr_instance_fleet", "aws_emrserverless_application",
		"aws_glue_job", "aws_glue_catalog_database", "aws_glue_catalog_table", "aws_glue_crawler", "aws_glue_dev_endpoint",
		"aws_athena_workgroup", "aws_athena_database",
		"aws_kinesis_analytics_application", "aws_kinesisanalyticsv2_application", "aws_msk_cluster",
		"aws_msk_serverless_cluster", "aws_quicksight_data_source", "aws_quicksight_data_set", "aws_quicksight_dashboard",
		"aws_datapipeline_pipeline", "aws_dms_replication_instance", "aws_dms_replication_task", "aws_mwaa_environment",
		"aws_datazone_domain", "aws_cleanrooms_collaboration",
		"AWS::EMR::Cluster", "AWS::EMR::InstanceGroupConfig", "AWS::EMR::InstanceFleetConfig", "AWS::EMRServerless::Application",
		"AWS::Glue::Job", "AWS::Glue::Database", "AWS::Glue::Table", "AWS::Glue::Crawler", "AWS::Glue::DevEndpoint",
		"AWS::Athena::WorkGroup",
		"AWS::KinesisAnalytics::Application", "AWS::KinesisAnalyticsV2::Application", "AWS::MSK::Cluster",
		"AWS::MSK::ServerlessCluster", "AWS::QuickSight::DataSource", "AWS::QuickSight::DataSet", "AWS::QuickSight::Dashboard",
		"AWS::DataPipeline::Pipeline", "AWS::DMS::ReplicationInstance", "AWS::DMS::ReplicationTask", "AWS::DMS::ReplicationConfig",
		"AWS::MWAA::Environment", "AWS::DataZone::Domain", "AWS::CleanRooms::Collaboration")
	add(Messaging,
		"aws_sqs_queue", "aws_kinesis_stream", "aws_kinesis_firehose_delivery_stream", "aws_kinesis_video_stream",
		"aws_mq_broker", "aws_pipes_pipe",
		"AWS::SQS::Queue", "AWS::Kinesis::Stream", "AWS::KinesisFirehose::DeliveryStream", "AWS::KinesisVideo::Stream",
		"AWS::AmazonMQ::Broker", "AWS::Pipes::Pipe")
	add(LoadBalancer,
		"aws_lb", "aws_alb", "aws_elb", "aws_lb_listener", "aws_alb_listener", "aws_lb_target_group", "aws_alb_target_group",
		"aws_globalaccelerator_accelerator", "aws_vpclattice_service", "aws_vpclattice_service_network", "aws_lightsail_lb",
		"AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer",
		"AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::TargetGroup",
		"AWS::GlobalAccelerator::Accelerator", "AWS::VpcLattice::Service", "AWS::VpcLattice::ServiceNetwork",
		"AWS::Lightsail::LoadBalancer")
	add(APIGateway,
		"aws_api_gateway_rest_api", "aws_api_gateway_stage", "aws_api_gateway_deployment", "aws_api_gateway_domain_name",
		"aws_apigatewayv2_api", "aws_apigatewayv2_stage", "aws_apigatewayv2_domain_name",
		"AWS::ApiGateway::RestApi", "AWS::ApiGateway::Stage", "AWS::ApiGateway::Deployment", "AWS::ApiGateway::DomainName",
		"AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::DomainName",
		"AWS::Serverless::Api", "AWS::Serverless::HttpApi")
	add(CDN,
		"aws_cloudfront_distribution", "aws_cloudfront_function", "aws_lightsail_distribution",
		"AWS::CloudFront::Distribution", "AWS::CloudFront::Function", "AWS::Lightsail::Distribution")
	add(MachineLearn,
		"aws_comprehend_document_classifier",
		"aws_sagemaker_endpoint", "aws_sagemaker_endpoint_configuration", "aws_sagemaker_notebook_instance",
		"aws_sagemaker_model", "aws_sagemaker_domain", "aws_sagemaker_feature_group",
		"aws_bedrockagent_agent", "aws_bedrockagent_knowledge_base", "aws_kendra_index",
		"AWS::SageMaker::Endpoint", "AWS::SageMaker::EndpointConfig", "AWS::SageMaker::NotebookInstance",
		"AWS::SageMaker::Model", "AWS::SageMaker::Domain", "AWS::SageMaker::FeatureGroup",
		"AWS::Bedrock::Agent", "AWS::Bedrock::KnowledgeBase", "AWS::Kendra::Index")
	return m
}()
