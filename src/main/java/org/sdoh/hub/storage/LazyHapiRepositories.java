package org.sdoh.hub.storage;

import java.util.HashSet;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.util.ClassUtils;

/**
 * HAPI declares 56 Spring Data repositories, and building one parses and validates every query it
 * declares: about six seconds of every start-up on two cores, mostly for repositories this server
 * never or only rarely uses (bulk export, MDM, partitions...). Spring Data's own {@code LAZY}
 * bootstrap mode would fix that, but HAPI's {@code @EnableJpaRepositories} does not ask for it, so
 * this does what that mode does: repository beans become lazy, and every place they are injected
 * gets a lazy proxy, so a repository is built the first time it is called.
 */
public class LazyHapiRepositories implements BeanDefinitionRegistryPostProcessor {

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		// nothing: the resolver is installed on the bean factory below
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		Set<String> repositoryTypes = new HashSet<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			if (isRepositoryFactory(definition, beanFactory.getBeanClassLoader())) {
				definition.setLazyInit(true);
				repositoryTypes.add(String.valueOf(definition.getConstructorArgumentValues()
						.getIndexedArgumentValues().values().iterator().next().getValue()));
			}
		}
		if (beanFactory instanceof DefaultListableBeanFactory factory && !repositoryTypes.isEmpty()) {
			factory.setAutowireCandidateResolver(new LazyRepositoryInjection(repositoryTypes));
		}
	}

	/** HAPI's repositories are built by a subclass of Spring Data's JPA factory bean (Envers). */
	private static boolean isRepositoryFactory(BeanDefinition definition, ClassLoader classLoader) {
		String className = definition.getBeanClassName();
		return className != null
				&& ClassUtils.isPresent(className, classLoader)
				&& JpaRepositoryFactoryBean.class.isAssignableFrom(ClassUtils.resolveClassName(className, classLoader));
	}

	/** Injects a lazy proxy wherever one of the repository interfaces is asked for. */
	private static final class LazyRepositoryInjection extends ContextAnnotationAutowireCandidateResolver {

		private final Set<String> repositoryTypes;

		LazyRepositoryInjection(Set<String> repositoryTypes) {
			this.repositoryTypes = Set.copyOf(repositoryTypes);
		}

		@Override
		protected boolean isLazy(DependencyDescriptor descriptor) {
			return repositoryTypes.contains(descriptor.getDependencyType().getName()) || super.isLazy(descriptor);
		}
	}
}
