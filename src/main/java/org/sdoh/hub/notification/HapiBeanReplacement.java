package org.sdoh.hub.notification;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Puts our subclass of a HAPI bean in place of HAPI's own definition, under HAPI's bean name (which
 * HAPI's configuration injects or looks up), before any bean exists. Its constructor is autowired.
 * Declare it as a static {@code @Bean}.
 */
public class HapiBeanReplacement implements BeanDefinitionRegistryPostProcessor {

	private final String hapiBeanName;
	private final Class<?> replacement;

	public HapiBeanReplacement(String hapiBeanName, Class<?> replacement) {
		this.hapiBeanName = hapiBeanName;
		this.replacement = replacement;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		RootBeanDefinition ours = new RootBeanDefinition(replacement);
		ours.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
		if (registry.containsBeanDefinition(hapiBeanName)) {
			registry.removeBeanDefinition(hapiBeanName);
		}
		registry.registerBeanDefinition(hapiBeanName, ours);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		// nothing: all work is done on the bean definitions
	}
}
