package org.mhhs.backbone.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.deploy.DeployFiles.at;
import static org.mhhs.backbone.deploy.DeployFiles.list;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hub's Kubernetes manifests keep it available: two replicas, probes on Actuator, a disruption budget. */
class KubernetesManifestsTest {

    private final Map<String, Object> hub = DeployFiles.kubernetesObject("Deployment", "hub")
            .orElseThrow(() -> new AssertionError("deploy/k8s has no Deployment named hub"));
    private final Object container =
            list(at(hub, "spec.template.spec.containers")).getFirst();

    @Test
    void theHubRunsAtLeastTwoReplicas() {
        assertThat((Integer) at(hub, "spec.replicas")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void readinessAndLivenessAskActuatorOnTheManagementPort() {
        assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(containerPort(at(container, "readinessProbe.httpGet.port"))).isEqualTo(9091);
        assertThat(containerPort(at(container, "livenessProbe.httpGet.port"))).isEqualTo(9091);
        assertThat(containerPort("grpc")).isEqualTo(9090);
    }

    @Test
    void theHubRunsAsNonRootOnAReadOnlyRootFileSystem() {
        assertThat(at(hub, "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(hub, "spec.template.spec.securityContext.runAsUser")).isEqualTo(65532);
        assertThat(at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        List<Object> mounts = list(at(container, "volumeMounts"));
        assertThat(mounts).extracting(mount -> at(mount, "mountPath")).contains("/tmp", "/var/lib/hub");
    }

    @Test
    void aDisruptionBudgetKeepsOneHubRunning() {
        Map<String, Object> budget = DeployFiles.kubernetesObjects().stream()
                .filter(object -> "PodDisruptionBudget".equals(object.get("kind")))
                .filter(object -> at(object, "spec.selector.matchLabels").equals(at(hub, "spec.selector.matchLabels")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no PodDisruptionBudget selects the hub's pods"));

        assertThat(at(budget, "spec.minAvailable")).isEqualTo(1);
    }

    @Test
    void theHubServiceExposesGrpcAndManagement() {
        Map<String, Object> service =
                DeployFiles.kubernetesObject("Service", "hub").orElseThrow();

        assertThat(at(service, "spec.selector")).isEqualTo(at(hub, "spec.selector.matchLabels"));
        assertThat(list(at(service, "spec.ports")))
                .extracting(port -> at(port, "port"))
                .contains(9090, 9091);
    }

    @Test
    void axonServerIsAStatefulSetWithVolumesBehindAHeadlessService() {
        Map<String, Object> axonServer =
                DeployFiles.kubernetesObject("StatefulSet", "axonserver").orElseThrow();
        Map<String, Object> service =
                DeployFiles.kubernetesObject("Service", "axonserver").orElseThrow();

        assertThat(list(at(axonServer, "spec.volumeClaimTemplates"))).isNotEmpty();
        assertThat(at(axonServer, "spec.serviceName")).isEqualTo("axonserver");
        assertThat(at(service, "spec.clusterIP")).isEqualTo("None");
    }

    private int containerPort(Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return list(at(container, "ports")).stream()
                .filter(named -> port.equals(at(named, "name")))
                .map(named -> (Integer) at(named, "containerPort"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port));
    }
}
