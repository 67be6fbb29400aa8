package org.sdoh.hub.storage;

import ca.uhn.fhir.context.FhirContext;
import java.util.Set;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * HAPI's generated configuration defines a DAO and a resource provider bean for every one of the
 * 146 R4 resource types. This removes those of the types we do not serve (see
 * {@link ServedResourceTypes}) before any bean is created: about 200 fewer beans, a faster start
 * and less memory, with exactly the same behaviour for the served types.
 */
public class UnservedResourceTypesRemover implements BeanDefinitionRegistryPostProcessor {

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		Set<String> served = Set.copyOf(ServedResourceTypes.ALL);
		for (String type : FhirContext.forR4Cached().getResourceTypes()) {
			if (!served.contains(type)) {
				remove(registry, "my" + type + "DaoR4");
				remove(registry, "my" + type + "RpR4");
			}
		}
	}

	private static void remove(BeanDefinitionRegistry registry, String beanName) {
		if (registry.containsBeanDefinition(beanName)) {
			registry.removeBeanDefinition(beanName);
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		// nothing: all work is done on the bean definitions
	}
}
