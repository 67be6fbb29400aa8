package org.sdoh.hub.security;

import ca.uhn.fhir.interceptor.auth.CompartmentSearchParameterModifications;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.sdoh.hub.directory.CapacityOperationProvider;
import org.sdoh.hub.directory.DirectoryEntries;
import org.sdoh.hub.referral.ReferralTaskRules;
import org.sdoh.hub.security.SmartScopes.Context;
import org.sdoh.hub.security.SmartScopes.Interaction;
import org.sdoh.hub.security.SmartScopes.Scope;

/**
 * SMART scopes → HAPI authorization rules, in one place. Each resource scope becomes allow rules for
 * its interactions; a patient scope is limited to that patient's compartment; referral Tasks are
 * limited to the caller's organization's side (owner for CBOs, requester for clinics), checked on
 * the stored and the new version of every update. AuditEvents are never written through the API
 * and read only by auditors. Anything no rule allows is refused with 403.
 */
public class ScopeAuthorization extends AuthorizationInterceptor {

	/**
	 * Operations any authenticated caller may invoke; their results still pass the read rules.
	 * {@code $set-capacity} writes the service through the DAO with the caller's request, so the
	 * caller's HealthcareService write rules apply to it; {@code $hsds-import} stays with administrators.
	 */
	private static final List<String> OPERATIONS = List.of(
			"$expand", "$validate-code", "$lookup", "$find", "$extract", "$status", "$validate", "$meta",
			"$set-capacity", "$hsds-export");

	static final String SERVICES_OF_OTHERS = "An organization changes only the HealthcareServices it provides";

	/** R4's Patient compartment plus the patient's referral Tasks (Task.for), which SMART patient apps show. */
	private static final CompartmentSearchParameterModifications PATIENT_COMPARTMENT =
			CompartmentSearchParameterModifications.fromAdditionalCompartmentParamNames("Task", Set.of("patient"));

	public ScopeAuthorization() {
		super(PolicyEnum.DENY);
	}

	@Override
	public List<IAuthRule> buildRuleList(RequestDetails request) {
		Optional<Caller> current = Caller.current();
		RuleBuilder rules = new RuleBuilder();
		rules.allow("capabilities").metadata();
		auditTrailRules(rules, current);
		if (current.isEmpty() || current.get().admin()) {
			return rules.allowAll("trusted caller (authentication off, internal, or network administrator)").build();
		}
		Caller caller = current.get();
		if (caller.isOrganizationBound()) {
			// before the scope rules, so that no scope reaches another organization's directory entry
			IAuthRuleTester othersService = new ServiceOfAnotherOrganization(caller);
			rules.deny(SERVICES_OF_OTHERS).write().resourcesOfType(HealthcareService.class).withAnyId().withTester(othersService);
			rules.deny(SERVICES_OF_OTHERS).delete().resourcesOfType(HealthcareService.class).withAnyId().withTester(othersService);
		}
		for (Scope scope : caller.scopes().all()) {
			scopeRules(rules, caller, scope);
		}
		rules.allow("transaction entries follow the rules above").transaction().withAnyOperation().andApplyNormalRules();
		// Referral metrics decide themselves what a caller sees (metrics/MetricsAccess): aggregates only.
		rules.allow("referral metrics").operation().named("$evaluate-measure").onInstancesOfType(Measure.class).andAllowAllResponses();
		for (String operation : OPERATIONS) {
			rules.allow(operation).operation().named(operation).onAnyType().andRequireExplicitResponseAuthorization();
			rules.allow(operation).operation().named(operation).onAnyInstance().andRequireExplicitResponseAuthorization();
			rules.allow(operation).operation().named(operation).onServer().andRequireExplicitResponseAuthorization();
		}
		return rules.denyAll("No scope of this token allows this request").build();
	}

	private static void auditTrailRules(IAuthRuleBuilder rules, Optional<Caller> caller) {
		rules.deny("AuditEvents are written only by the server").write().resourcesOfType("AuditEvent").withAnyId();
		rules.deny("AuditEvents cannot be deleted").delete().resourcesOfType("AuditEvent").withAnyId();
		if (caller.isPresent() && caller.get().auditor()) {
			rules.allow("auditors read the audit trail").read().resourcesOfType("AuditEvent").withAnyId();
		} else if (caller.isPresent()) {
			rules.deny("Only auditors read the audit trail").read().resourcesOfType("AuditEvent").withAnyId();
		}
	}

	private static void scopeRules(IAuthRuleBuilder rules, Caller caller, Scope scope) {
		String name = scope.context().name().toLowerCase() + "/" + scope.resourceType();
		boolean allTypes = scope.resourceType().equals("*");
		if (scope.context() == Context.PATIENT) {
			// Patient apps see their own compartment and nothing else, whatever the scope says.
			caller.patient().ifPresent(patient -> {
				if (scope.interactions().contains(Interaction.READ) || scope.interactions().contains(Interaction.SEARCH)) {
					var read = rules.allow(name).read();
					(allTypes ? read.allResources() : read.resourcesOfType(scope.resourceType()))
							.inModifiedCompartment("Patient", new IdType(patient), PATIENT_COMPARTMENT);
				}
			});
			return;
		}
		IAuthRuleTester ownSide = new OwnedTaskTester(caller, false);
		if (scope.interactions().contains(Interaction.READ) || scope.interactions().contains(Interaction.SEARCH)) {
			var read = rules.allow(name + " read").read();
			(allTypes ? read.allResources() : read.resourcesOfType(scope.resourceType())).withAnyId().withTester(ownSide);
		}
		if (scope.interactions().contains(Interaction.CREATE)) {
			var create = rules.allow(name + " create").create();
			(allTypes ? create.allResources() : create.resourcesOfType(scope.resourceType())).withAnyId().withTester(ownSide);
		}
		if (scope.interactions().contains(Interaction.UPDATE)) {
			var write = rules.allow(name + " update").write();
			(allTypes ? write.allResources() : write.resourcesOfType(scope.resourceType()))
					.withAnyId()
					.withTester(new OwnedTaskTester(caller, true))
					.withTester(new CapacityOnlyForUsers(caller, scope.context()));
			rules.allow(name + " patch").patch().allRequests();
		}
		if (scope.interactions().contains(Interaction.DELETE)) {
			var delete = rules.allow(name + " delete").delete();
			(allTypes ? delete.allResources() : delete.resourcesOfType(scope.resourceType())).withAnyId();
		}
	}

	/**
	 * A HealthcareService provided by another organization than the caller's (stored or new version:
	 * a service can neither be taken over nor handed away). Without a resource (the first check of a
	 * delete) it does not match yet; the check on the stored resource decides.
	 */
	private record ServiceOfAnotherOrganization(Caller caller) implements IAuthRuleTester {

		@Override
		public boolean matches(RuleTestRequest request) {
			return request.resource instanceof HealthcareService service
					&& !caller.isOwnOrganization(DirectoryEntries.owningOrganization(service).map(Reference::getReference).orElse(null));
		}
	}

	/**
	 * A person signed in for an organization (a {@code user/} scope) changes its services only by
	 * reporting capacity ({@code $set-capacity}, whose update runs with the caller's request): the
	 * inbox needs nothing more, and editing the directory entry itself stays with the organization's
	 * system client and the network administrators.
	 */
	private record CapacityOnlyForUsers(Caller caller, Context context) implements IAuthRuleTester {

		@Override
		public boolean matches(RuleTestRequest request) {
			return context != Context.USER || !caller.isOrganizationBound() || !(request.resource instanceof HealthcareService)
					|| CapacityOperationProvider.NAME.equals(request.requestDetails.getOperation());
		}
	}

	/**
	 * A CBO handles only the referral Tasks it owns: checked on every Task shown, created or updated
	 * (the stored and the new version). Clinics are scoped by their patients
	 * ({@link OrganizationScopeInterceptor}), as the IG's Tasks name a PractitionerRole as requester.
	 */
	private record OwnedTaskTester(Caller caller, boolean updatesOnly) implements IAuthRuleTester {

		@Override
		public boolean matches(RuleTestRequest request) {
			return !(updatesOnly && request.operation == RestOperationTypeEnum.CREATE) && owned(request.resource);
		}

		@Override
		public boolean matchesOutput(RuleTestRequest request) {
			return owned(request.resource);
		}

		private boolean owned(IBaseResource resource) {
			if (!caller.isOrganizationBound() || !caller.ownerSide() || !(resource instanceof Task task)
					|| !ReferralTaskRules.isReferralTask(task)) {
				return true; // other Tasks (directory corrections anyone may report) follow the type's rules
			}
			return caller.isOwnOrganization(task.getOwner().getReference());
		}
	}
}
