package org.mhhs.backbone.grpc;

import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import java.util.List;
import java.util.function.UnaryOperator;

/** Rebuilds a service definition with some of its methods replaced, keeping the schema reflection serves. */
public final class ServiceDefinitions {

    private ServiceDefinitions() {}

    public static ServerServiceDefinition mapMethods(
            ServerServiceDefinition definition, UnaryOperator<ServerMethodDefinition<?, ?>> replacement) {
        ServiceDescriptor original = definition.getServiceDescriptor();
        List<ServerMethodDefinition<?, ?>> methods = definition.getMethods().stream()
                .<ServerMethodDefinition<?, ?>>map(replacement)
                .toList();
        // grpc-java insists that a service descriptor holds the very method descriptors bound to it
        ServiceDescriptor.Builder descriptor =
                ServiceDescriptor.newBuilder(original.getName()).setSchemaDescriptor(original.getSchemaDescriptor());
        methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
        ServerServiceDefinition.Builder mapped = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(mapped::addMethod);
        return mapped.build();
    }
}
