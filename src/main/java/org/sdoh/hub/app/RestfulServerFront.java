package org.sdoh.hub.app;

import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The FHIR servlet as Tomcat sees it: a front for HAPI's {@link RestfulServer} bean, fetched when
 * Tomcat initialises the servlet (after every singleton exists; Spring Boot defers load-on-startup
 * until the web server starts).
 *
 * <p>Why not register the RestfulServer itself: Spring Boot builds every servlet (every bean that
 * is a Servlet, too) while it creates the web server, before the bean factory caches its by-type
 * lookups, and the RestfulServer pulls in nearly all of HAPI (every DAO, provider and interceptor).
 * Built there, its thousands of uncached type lookups cost about two seconds of every start-up. So
 * the bean is a {@link Backend}, which is not a Servlet, and this front is what Tomcat registers.
 */
class RestfulServerFront extends HttpServlet {

	/** The assembled RestfulServer, as a bean that Spring Boot does not treat as a servlet. */
	record Backend(RestfulServer server) {}

	private final transient ObjectProvider<Backend> restfulServer;
	private transient RestfulServer delegate;

	RestfulServerFront(ObjectProvider<Backend> restfulServer) {
		this.restfulServer = restfulServer;
	}

	@Override
	public void init(ServletConfig config) throws ServletException {
		super.init(config);
		delegate = restfulServer.getObject().server();
		delegate.init(config);
	}

	@Override
	public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
		delegate.service(request, response);
	}

	@Override
	public void destroy() {
		if (delegate != null) {
			delegate.destroy();
		}
	}
}
