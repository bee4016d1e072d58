package aws

import "github.com/blindspot-iac/blindspot/graph"

// StepFunctions holds Step Functions state machines.
type StepFunctions struct {
	StateMachines []*StateMachine
}

// StateMachine is a Step Functions state machine (SAM state machines
// included).
type StateMachine struct {
	Resource *graph.Resource
	// LogLevel is the execution history logged to CloudWatch Logs: ALL,
	// ERROR, FATAL or OFF (the default).
	LogLevel String
	// Tracing is whether X-Ray tracing is on (off by default).
	Tracing Bool
}

var stateMachineAdapters = adapters[*StateMachine]{
	{graph.Terraform, "aws_sfn_state_machine", func(_ *Model, r *graph.Resource) *StateMachine {
		a := Attrs(r)
		logging, tracing := a.Get("logging_configuration"), a.Get("tracing_configuration")
		return &StateMachine{Resource: r,
			LogLevel: atBlock(StringOf(logging.Get("level"), Ptr("OFF")), logging),
			Tracing:  atBlock(BoolOf(tracing.Get("enabled"), Ptr(false)), tracing),
		}
	}},
	{graph.CloudFormation, "AWS::StepFunctions::StateMachine", func(_ *Model, r *graph.Resource) *StateMachine {
		a := Attrs(r)
		return stateMachineOf(r, a.Get("LoggingConfiguration"), a.Get("TracingConfiguration"))
	}},
	// A SAM state machine's Logging and Tracing become the state
	// machine's LoggingConfiguration and TracingConfiguration.
	{graph.CloudFormation, "AWS::Serverless::StateMachine", func(_ *Model, r *graph.Resource) *StateMachine {
		a := Attrs(r)
		return stateMachineOf(r, a.Get("Logging"), a.Get("Tracing"))
	}},
}

func stateMachineOf(r *graph.Resource, logging, tracing Field) *StateMachine {
	return &StateMachine{Resource: r,
		LogLevel: atBlock(StringOf(logging.Get("Level"), Ptr("OFF")), logging),
		Tracing:  atBlock(BoolOf(tracing.Get("Enabled"), Ptr(false)), tracing),
	}
}

func buildStepFunctions(m *Model) {
	m.StepFunctions.StateMachines = stateMachineAdapters.all(m)
}
